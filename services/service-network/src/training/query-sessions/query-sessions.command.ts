import { z } from 'zod';
import { CourseType, Id, LocalDate, Region, Year } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import { SearchText } from '../../common/list-query';
import { EnrolmentStateMachine, type EnrolmentStatus } from '../enrolment.state-machine';
import { TrainingSessionStateMachine, type TrainingSessionStatus } from '../training-session.state-machine';

export const ListSessionsQuery = PageQuery.extend({
  status: z.enum(Object.keys(TrainingSessionStateMachine.transitions) as [TrainingSessionStatus, ...TrainingSessionStatus[]]).optional(),
  courseId: Id.optional(),
  courseType: CourseType.schema.optional(),
  partnerRegion: Region.schema.optional(),
  startsFrom: LocalDate.optional().meta({ description: '开班日期不早于' }),
  startsTo: LocalDate.optional().meta({ description: '开班日期不晚于' }),
  q: SearchText.optional(),
  sort: sortParam(['startsOn', 'createdAt', 'title'], '-startsOn'),
});
export type ListSessionsQuery = z.output<typeof ListSessionsQuery>;

export const ListEnrolmentsQuery = PageQuery.extend({
  status: z.enum(Object.keys(EnrolmentStateMachine.transitions) as [EnrolmentStatus, ...EnrolmentStatus[]]).optional(),
  q: SearchText.optional().meta({ description: '按学员姓名或单位模糊查询' }),
  sort: sortParam(['createdAt', 'traineeName'], 'createdAt'),
});
export type ListEnrolmentsQuery = z.output<typeof ListEnrolmentsQuery>;

export const PersonTimesQuery = z.object({ year: z.coerce.number().pipe(Year).meta({ description: '自然年（北京时间）' }) });
export type PersonTimesQuery = z.output<typeof PersonTimesQuery>;
