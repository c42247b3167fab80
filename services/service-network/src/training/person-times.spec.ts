import { buildEvent } from '@tjc/contracts';
import { personTimes, planCompletions, type EnrolmentState } from './person-times';

const enrolments: EnrolmentState[] = [
  { id: 'en-1', traineeId: 'p-zhangwei', status: 'enrolled' },
  { id: 'en-2', traineeId: 'p-lina', status: 'enrolled' },
  { id: 'en-3', traineeId: 'p-wangfang', status: 'completed' },
  { id: 'en-4', traineeId: 'p-liuyang', status: 'withdrawn' },
];

describe('planCompletions 结业登记', () => {
  it('completes enrolled trainees and keeps earlier completions out of the new ones', () => {
    const plan = planCompletions(enrolments, ['en-1', 'en-3']);
    expect(plan.newlyCompleted).toEqual([{ enrolmentId: 'en-1', traineeId: 'p-zhangwei' }]);
    expect(plan.alreadyCompleted).toEqual(['en-3']);
    expect(plan.refused).toEqual([]);
    expect(plan.unknown).toEqual([]);
  });

  it('counts the same enrolment listed twice in one request once', () => {
    const plan = planCompletions(enrolments, ['en-2', 'en-2']);
    expect(plan.newlyCompleted).toHaveLength(1);
    expect(personTimes(plan.newlyCompleted)).toBe(1);
  });

  it('completing an already completed enrolment again adds nothing (idempotent)', () => {
    const plan = planCompletions(enrolments, ['en-3']);
    expect(plan.newlyCompleted).toEqual([]);
    expect(personTimes(plan.newlyCompleted)).toBe(0);
  });

  it('refuses withdrawn enrolments and names unknown ids', () => {
    const plan = planCompletions(enrolments, ['en-4', 'en-404']);
    expect(plan.refused).toEqual([{ enrolmentId: 'en-4', status: 'withdrawn' }]);
    expect(plan.unknown).toEqual(['en-404']);
    expect(plan.newlyCompleted).toEqual([]);
  });
});

describe('personTimes 人次', () => {
  it('counts a person who completes two courses twice (two enrolments)', () => {
    const technologyManager = [{ enrolmentId: 'en-tm-1', traineeId: 'p-zhangwei' }];
    const evaluator = [{ enrolmentId: 'en-ev-1', traineeId: 'p-zhangwei' }];
    expect(personTimes([...technologyManager, ...evaluator])).toBe(2);
  });

  it('counts the same enrolment once even if reported twice', () => {
    expect(personTimes([{ enrolmentId: 'en-1' }, { enrolmentId: 'en-1' }, { enrolmentId: 'en-2' }])).toBe(2);
  });

  it('agrees with the contract: the catalogue accepts exactly this count', () => {
    const completions = planCompletions(enrolments, ['en-1', 'en-2', 'en-3']).newlyCompleted;
    const data = {
      sessionId: 'ts-1',
      courseId: 'course-tm',
      courseType: 'technology-manager' as const,
      courseTitle: '技术经理人初级培训',
      completedOn: '2024-04-26',
      completions: [...completions],
      personTimes: personTimes(completions),
    };
    expect(buildEvent('service.training.completed.v1', data, { source: 'tjc/service-network' }).data.personTimes).toBe(2);
    expect(() => buildEvent('service.training.completed.v1', { ...data, personTimes: 3 }, { source: 'tjc/service-network' })).toThrow();
  });
});
