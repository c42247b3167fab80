import type { ContractIssue } from '@tjc/contracts';
import type { Quarantine } from '../generated/prisma/client';

export const QUARANTINE_STATUSES = ['pending', 'resolved'] as const;
export type QuarantineStatus = (typeof QUARANTINE_STATUSES)[number];

export interface QuarantineSummary {
  readonly id: string;
  readonly partner: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly webhookId: string | null;
  readonly batchIndex: number | null;
  readonly eventId: string | null;
  readonly eventType: string | null;
  readonly kind: string;
  readonly issues: readonly ContractIssue[];
  readonly rawBytes: number;
  readonly status: QuarantineStatus;
  readonly version: number;
}

export interface QuarantineDetail extends QuarantineSummary {
  /** The JSON as received (the event, or the first 64 KiB of a refused body). */
  readonly raw: string;
  readonly truncated: boolean;
  readonly deadLetterId: string | null;
  readonly note: string | null;
  readonly resolvedAt: string | null;
  readonly resolvedBy: string | null;
}

export function toSummary(row: Omit<Quarantine, 'raw' | 'note' | 'truncated' | 'deadLetterId' | 'resolvedAt' | 'resolvedBy'>): QuarantineSummary {
  return {
    id: row.id,
    partner: row.partner,
    channel: row.channel,
    receivedAt: row.receivedAt.toISOString(),
    webhookId: row.webhookId,
    batchIndex: row.batchIndex,
    eventId: row.eventId,
    eventType: row.eventType,
    kind: row.kind,
    issues: row.issues as unknown as ContractIssue[],
    rawBytes: row.rawBytes,
    status: row.status as QuarantineStatus,
    version: row.version,
  };
}

export function toDetail(row: Quarantine): QuarantineDetail {
  return {
    ...toSummary(row),
    raw: row.raw,
    truncated: row.truncated,
    deadLetterId: row.deadLetterId,
    note: row.note,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedBy: row.resolvedBy,
  };
}
