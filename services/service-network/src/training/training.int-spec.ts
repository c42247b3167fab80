/**
 * 技术转移人才培训 through the real service: courses, a joint session with
 * Beijing, enrolments, completions and the person-time (人次) rules.
 * Real: PostgreSQL, Kafka, the Nest app, signed JWTs. Faked: nothing.
 */
import path from 'node:path';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { AppModule } from '../app.module';
import { loadServiceConfig } from '../config';
import { CONSUMER } from '../consumer';

jest.setTimeout(120_000);

let sut: ServiceUnderTest;
let coordinator: string;

beforeAll(async () => {
  sut = await startServiceForTest({
    schemaDir: path.join(__dirname, '../../prisma/schema'),
    module: (env) => AppModule.register(loadServiceConfig(env)),
    consumer: CONSUMER,
  });
  coordinator = await sut.token({ roles: ['coordinator'], network: 'service', name: '培训基地协调员' });
});
afterAll(() => sut.stop());

async function post(url: string, body: unknown, expected: number) {
  const res = await sut.http('POST', url, body, coordinator);
  expect({ url, status: res.status, body: res.status === expected ? undefined : res.body }).toEqual({ url, status: expected, body: undefined });
  return res.body;
}

async function sessionOf(course: { type: string; title: string }, session: Record<string, unknown>) {
  const c = await post('/courses', { ...course, hours: 32 }, 201);
  return { course: c, session: await post('/training-sessions', { courseId: c.id, place: '天开高教科创园', ...session }, 201) };
}

describe('training sessions, enrolments and person-times', () => {
  it('emits only newly completed enrolments, at the completion’s business time, and counts a person per course', async () => {
    const { course, session } = await sessionOf(
      { type: 'technology-manager', title: '技术经理人初级培训' },
      { title: '技术经理人初级培训（京津冀联合班）', startsOn: '2024-04-22', endsOn: '2024-04-26', partnerRegion: 'beijing', capacity: 4 },
    );
    expect(session).toMatchObject({ status: 'planned', partnerRegion: 'beijing', course: { type: 'technology-manager' }, enrolments: { enrolled: 0, completed: 0, withdrawn: 0 } });

    const trainees = [
      ['p-0001', '张伟', '天津大学技术转移中心'],
      ['p-0002', '李娜', '南开大学科技成果转化中心'],
      ['p-0003', '王芳', '天开高教科创园'],
      ['p-0004', '刘洋', '河北工业大学'],
    ];
    const en = [];
    for (const [traineeId, traineeName, organisation] of trainees) en.push(await post(`/training-sessions/${session.id}/enrolments`, { traineeId, traineeName, organisation }, 201));
    // Full, and the same person cannot enrol twice.
    const full = await sut.http('POST', `/training-sessions/${session.id}/enrolments`, { traineeId: 'p-0005', traineeName: '陈静' }, coordinator);
    expect(full.status).toBe(409);
    const twice = await sut.http('POST', `/training-sessions/${session.id}/enrolments`, { traineeId: 'p-0001', traineeName: '张伟' }, coordinator);
    expect(twice.status).toBe(409);

    // Completions before the class runs: 409 naming the session's state.
    const early = await sut.http('POST', `/training-sessions/${session.id}/completions`, { enrolmentIds: [en[0].id], completedOn: '2024-04-26' }, coordinator);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ currentState: 'planned', allowedTransitions: ['in-progress'] });

    const withdrawn = await post(`/training-sessions/${session.id}/enrolments/${en[3].id}/withdraw`, { version: 1, reason: '工作调动' }, 200);
    expect(withdrawn).toMatchObject({ status: 'withdrawn', version: 2 });
    const staleStart = await sut.http('POST', `/training-sessions/${session.id}/start`, { version: 9 }, coordinator);
    expect(staleStart.status).toBe(409);
    expect(staleStart.body).toMatchObject({ currentVersion: 1 });
    await post(`/training-sessions/${session.id}/start`, { version: 1 }, 200);

    // A withdrawn trainee cannot complete: the whole request is refused, nothing recorded.
    const refused = await sut.http('POST', `/training-sessions/${session.id}/completions`, { enrolmentIds: [en[0].id, en[3].id], completedOn: '2024-04-26' }, coordinator);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ currentState: 'withdrawn', allowedTransitions: [], refusedEnrolmentIds: [en[3].id] });

    const first = await post(`/training-sessions/${session.id}/completions`, { enrolmentIds: [en[0].id, en[1].id, en[1].id], completedOn: '2024-04-26' }, 200);
    expect(first).toMatchObject({ personTimes: 2, alreadyCompleted: [] });
    const repeat = await post(`/training-sessions/${session.id}/completions`, { enrolmentIds: [en[0].id, en[1].id], completedOn: '2024-04-26' }, 200);
    expect(repeat).toEqual({ sessionId: session.id, completed: [], alreadyCompleted: [en[0].id, en[1].id], personTimes: 0, eventId: null });
    const third = await post(`/training-sessions/${session.id}/completions`, { enrolmentIds: [en[0].id, en[2].id], completedOn: '2024-04-27', completedAt: '2024-04-27T16:00:00+08:00' }, 200);
    expect(third).toMatchObject({ personTimes: 1, completed: [{ enrolmentId: en[2].id, traineeId: 'p-0003' }], alreadyCompleted: [en[0].id] });

    // One partition per session keeps its events in order: once the third is seen, a re-emitted first would have been too.
    const events = await sut.events.expect('service.training.completed.v1', (e) => e.subject === session.id, 2);
    await sut.events.expect('service.training.completed.v1', (e) => e.id === third.eventId);
    expect(sut.events.all().filter((e) => e.subject === session.id)).toHaveLength(2);
    const [a, b] = events;
    expect(a!.time).toBe('2024-04-26T12:00:00+08:00');
    expect(a!.data).toEqual({
      sessionId: session.id,
      courseId: course.id,
      courseType: 'technology-manager',
      courseTitle: '技术经理人初级培训',
      partnerRegion: 'beijing',
      completedOn: '2024-04-26',
      completions: [
        { enrolmentId: en[0].id, traineeId: 'p-0001' },
        { enrolmentId: en[1].id, traineeId: 'p-0002' },
      ],
      personTimes: 2,
    });
    expect(b!.time).toBe('2024-04-27T16:00:00+08:00');
    expect(b!.data.completions).toEqual([{ enrolmentId: en[2].id, traineeId: 'p-0003' }]);

    await post(`/training-sessions/${session.id}/complete`, { version: 2 }, 200);
    const closed = await sut.http('GET', `/training-sessions/${session.id}`, undefined, coordinator);
    expect(closed.body).toMatchObject({ status: 'completed', enrolments: { enrolled: 0, completed: 3, withdrawn: 1 }, allowedTransitions: [] });

    // 张伟 also completes the evaluator course with Hebei: a second person-time for the same person.
    const other = await sessionOf(
      { type: 'achievement-evaluator', title: '科技成果评价师培训' },
      { title: '科技成果评价师培训（津冀联合班）', startsOn: '2024-09-09', endsOn: '2024-09-12', partnerRegion: 'hebei' },
    );
    const zhang = await post(`/training-sessions/${other.session.id}/enrolments`, { traineeId: 'p-0001', traineeName: '张伟' }, 201);
    await post(`/training-sessions/${other.session.id}/start`, { version: 1 }, 200);
    await post(`/training-sessions/${other.session.id}/completions`, { enrolmentIds: [zhang.id], completedOn: '2024-09-12' }, 200);

    const report = await sut.http('GET', '/training-person-times?year=2024', undefined, coordinator);
    expect(report.body.personTimes).toBe(4);
    expect(report.body.byCourseType).toEqual(
      expect.arrayContaining([
        { courseType: 'technology-manager', label: '技术经理人', personTimes: 3 },
        { courseType: 'achievement-evaluator', label: '科技成果评价师', personTimes: 1 },
      ]),
    );
    expect((await sut.http('GET', '/training-person-times?year=2023', undefined, coordinator)).body.personTimes).toBe(0);

    const roster = await sut.http('GET', `/training-sessions/${session.id}/enrolments?status=completed&sort=traineeName&limit=2`, undefined, coordinator);
    expect(roster.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(roster.body.items).toHaveLength(2);
    const list = await sut.http('GET', '/training-sessions?partnerRegion=hebei', undefined, coordinator);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([other.session.id]);
    const audit = await sut.http('GET', `/training-sessions/${session.id}/audit`, undefined, coordinator);
    expect(audit.body.items.filter((r: { action: string }) => r.action === 'training-session.completions-recorded')).toHaveLength(2);
  });

  it('answers 400 with paths and rules, 404 for unknown ids, and 403 to another network', async () => {
    const bad = await sut.http('POST', '/training-sessions', { courseId: 'c-1', title: '创新工程师', startsOn: '2024-05-10', endsOn: '2024-05-01', place: '天津', partnerRegion: 'hebei' }, coordinator);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'endsOn', rule: 'custom' })]);
    // A joint class is with Beijing, Hebei or Xiong'an: Tianjin is not in the documented enum.
    const withTianjin = await sut.http('POST', '/training-sessions', { courseId: 'c-1', title: '创新工程师', startsOn: '2024-05-01', endsOn: '2024-05-10', place: '天津', partnerRegion: 'tianjin' }, coordinator);
    expect(withTianjin.status).toBe(400);
    expect(withTianjin.body.errors).toEqual([expect.objectContaining({ path: 'partnerRegion', rule: 'invalid_value' })]);
    const badCourse = await sut.http('POST', '/courses', { type: 'astronaut', title: '' }, coordinator);
    expect(badCourse.body.errors.map((e: { path: string; rule: string }) => `${e.path}:${e.rule}`).sort()).toEqual(['title:custom', 'type:invalid_value']);
    const offDay = await sut.http('POST', '/training-sessions/any/completions', { enrolmentIds: ['e-1'], completedOn: '2024-04-26', completedAt: '2024-04-27T01:00:00+08:00' }, coordinator);
    expect(offDay.status).toBe(400);
    expect(offDay.body.errors).toEqual([expect.objectContaining({ path: 'completedAt', rule: 'custom' })]);

    expect((await sut.http('POST', '/training-sessions', { courseId: 'no-such-course', title: '创新工程师研修班', startsOn: '2024-05-01', endsOn: '2024-05-03', place: '武清京津产业新城' }, coordinator)).status).toBe(404);
    expect((await sut.http('GET', '/training-sessions/no-such-session', undefined, coordinator)).status).toBe(404);
    expect((await sut.http('POST', '/training-sessions/no-such-session/enrolments', { traineeId: 'p-9', traineeName: '赵敏' }, coordinator)).status).toBe(404);

    const { session } = await sessionOf({ type: 'innovation-engineer', title: '卓越工程师研修班' }, { title: '卓越工程师研修班（第一期）', startsOn: '2024-06-03', endsOn: '2024-06-07' });
    await post(`/training-sessions/${session.id}/start`, { version: 1 }, 200);
    const unknown = await sut.http('POST', `/training-sessions/${session.id}/completions`, { enrolmentIds: ['not-enrolled'], completedOn: '2024-06-07' }, coordinator);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ unknownEnrolmentIds: ['not-enrolled'] });

    const research = await sut.token({ roles: ['coordinator'], network: 'research' });
    expect((await sut.http('POST', '/courses', { type: 'technology-broker', title: '技术经纪人培训' }, research)).status).toBe(403);
    expect((await sut.http('POST', `/training-sessions/${session.id}/complete`, { version: 2 }, research)).status).toBe(403);
    expect((await sut.http('GET', `/training-sessions/${session.id}`, undefined, research)).body.status).toBe('in-progress');
  });
});
