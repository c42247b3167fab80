import { appendAudit, auditTrail, type AuditTrailRecord } from '@tjc/runtime';
import type { PrismaService, Tx } from '../prisma.service';

/** Who changes a record, and from where: an HTTP request or a consumed event. */
export interface Actor {
  readonly actor: string;
  readonly requestId?: string | undefined;
  readonly eventId?: string | undefined;
}

export type AuditedEntity = 'enterprise' | 'demand' | 'challenge' | 'consortium';

/** Appends one audit row in the command's transaction (hash-chained by the runtime). */
export function audit(tx: Tx, who: Actor, action: string, entityType: AuditedEntity, entityId: string, detail: Record<string, unknown>): Promise<void> {
  return appendAudit(tx, {
    actor: who.actor,
    action,
    entityType,
    entityId,
    ...(who.requestId !== undefined && { requestId: who.requestId }),
    ...(who.eventId !== undefined && { eventId: who.eventId }),
    detail,
  });
}

export type AuditView = AuditTrailRecord;

/** A record's audit trail, oldest first: who changed what, when, from which request or event. */
export async function readAudit(db: PrismaService, entityType: AuditedEntity, entityId: string): Promise<{ items: AuditView[] }> {
  const { items } = await auditTrail(db, entityType, entityId);
  return { items };
}

