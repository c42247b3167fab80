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

/**
 * The contracts' Year, coerced from the query string. Its bounds are spelled
 * on the coerced number rather than piped into Year: OpenAPI documents the
 * input side, and `coerce.number().pipe(Year)` documented a bare "number",
 * so clients (and the fuzz suite) sent years like 2024.5 the pipe refused.
 */
export const PersonTimesQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .min(Year.minValue ?? 2020)
    .max(Year.maxValue ?? 2100)
    .meta({ description: '自然年（北京时间） / Calendar year (Asia/Shanghai)' }),
});
export type PersonTimesQuery = z.output<typeof PersonTimesQuery>;
