import { CourseType, Region } from '@tjc/contracts';
import { fromDbDate } from '../common/business-time';
import type { Course, Enrolment, Prisma } from '../generated/prisma/client';
import { EnrolmentStateMachine, type EnrolmentStatus } from './enrolment.state-machine';
import { TrainingSessionStateMachine, type TrainingSessionStatus } from './training-session.state-machine';

export const COURSE_LABEL = '培训课程';
export const SESSION_LABEL = '培训班次';
export const ENROLMENT_LABEL = '报名记录';

export interface CourseView {
  readonly id: string;
  readonly type: CourseType;
  readonly typeLabel: string;
  readonly title: string;
  readonly description: string | null;
  readonly hours: number | null;
  readonly version: number;
  readonly createdAt: string;
}

export function toCourseView(row: Course): CourseView {
  const type = CourseType.schema.parse(row.type);
  return { id: row.id, type, typeLabel: CourseType.label(type), title: row.title, description: row.description, hours: row.hours, version: row.version, createdAt: row.createdAt.toISOString() };
}

export const SESSION_INCLUDE = { course: true } as const satisfies Prisma.TrainingSessionInclude;
export type SessionRow = Prisma.TrainingSessionGetPayload<{ include: typeof SESSION_INCLUDE }>;

export interface EnrolmentCounts {
  readonly enrolled: number;
  readonly completed: number;
  readonly withdrawn: number;
}

export interface SessionView {
  readonly id: string;
  readonly course: { readonly id: string; readonly type: CourseType; readonly title: string };
  readonly title: string;
  readonly status: TrainingSessionStatus;
  readonly statusLabel: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly place: string;
  readonly partnerRegion: Region | null;
  readonly capacity: number | null;
  /** `completed` is also the session's person-times (人次): one per completed enrolment. */
  readonly enrolments: EnrolmentCounts;
  readonly allowedTransitions: readonly TrainingSessionStatus[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toSessionView(row: SessionRow, counts: EnrolmentCounts): SessionView {
  const status = row.status as TrainingSessionStatus;
  return {
    id: row.id,
    course: { id: row.course.id, type: CourseType.schema.parse(row.course.type), title: row.course.title },
    title: row.title,
    status,
    statusLabel: TrainingSessionStateMachine.states[status],
    startsOn: fromDbDate(row.startsOn),
    endsOn: fromDbDate(row.endsOn),
    place: row.place,
    partnerRegion: row.partnerRegion === null ? null : Region.schema.parse(row.partnerRegion),
    capacity: row.capacity,
    enrolments: counts,
    allowedTransitions: TrainingSessionStateMachine.transitions[status] ?? [],
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function enrolmentCounts(db: Pick<Prisma.TransactionClient, 'enrolment'>, sessionIds: readonly string[]): Promise<Map<string, EnrolmentCounts>> {
  const groups = await db.enrolment.groupBy({ by: ['sessionId', 'status'], where: { sessionId: { in: [...sessionIds] } }, _count: { _all: true } });
  const result = new Map<string, EnrolmentCounts>(sessionIds.map((id) => [id, { enrolled: 0, completed: 0, withdrawn: 0 }]));
  for (const g of groups) {
    const current = result.get(g.sessionId);
    if (current && (g.status === 'enrolled' || g.status === 'completed' || g.status === 'withdrawn')) result.set(g.sessionId, { ...current, [g.status]: g._count._all });
  }
  return result;
}

export interface EnrolmentView {
  readonly id: string;
  readonly sessionId: string;
  readonly traineeId: string;
  readonly traineeName: string;
  readonly organisation: string | null;
  readonly status: EnrolmentStatus;
  readonly statusLabel: string;
  readonly completedOn: string | null;
  readonly withdrawnAt: string | null;
  readonly version: number;
  readonly createdAt: string;
}

export function toEnrolmentView(row: Enrolment): EnrolmentView {
  const status = row.status as EnrolmentStatus;
  return {
    id: row.id,
    sessionId: row.sessionId,
    traineeId: row.traineeId,
    traineeName: row.traineeName,
    organisation: row.organisation,
    status,
    statusLabel: EnrolmentStateMachine.states[status],
    completedOn: row.completedOn === null ? null : fromDbDate(row.completedOn),
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}
