import { ActivityType, Region } from '@tjc/contracts';
import { fromDbDate } from '../common/business-time';
import type { Activity } from '../generated/prisma/client';
import { ActivityStateMachine, type ActivityStatus } from './activity.state-machine';

export const ACTIVITY_LABEL = '活动';

export interface ActivityView {
  readonly id: string;
  readonly type: ActivityType;
  readonly typeLabel: string;
  readonly title: string;
  readonly status: ActivityStatus;
  readonly statusLabel: string;
  readonly plannedOn: string;
  readonly place: string;
  readonly organisers: readonly string[];
  readonly partnerRegions: readonly Region[];
  readonly heldOn: string | null;
  readonly heldAt: string | null;
  readonly participants: number | null;
  readonly pairsMatched: number | null;
  readonly cancelReason: string | null;
  readonly allowedTransitions: readonly ActivityStatus[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toActivityView(row: Activity): ActivityView {
  const status = row.status as ActivityStatus;
  const type = ActivityType.schema.parse(row.type);
  return {
    id: row.id,
    type,
    typeLabel: ActivityType.label(type),
    title: row.title,
    status,
    statusLabel: ActivityStateMachine.states[status],
    plannedOn: fromDbDate(row.plannedOn),
    place: row.place,
    organisers: row.organisers,
    partnerRegions: row.partnerRegions.map((r) => Region.schema.parse(r)),
    heldOn: row.heldOn === null ? null : fromDbDate(row.heldOn),
    heldAt: row.heldAt?.toISOString() ?? null,
    participants: row.participants,
    pairsMatched: row.pairsMatched,
    cancelReason: row.cancelReason,
    allowedTransitions: ActivityStateMachine.transitions[status] ?? [],
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
