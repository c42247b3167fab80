import { createHash } from 'node:crypto';
import type { SqlExecutor } from '../db/sql';
import { clipText, storableJson } from '../text/storable-text';

export interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly requestId?: string;
  readonly eventId?: string;
  readonly detail: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/** JSON with sorted keys, so the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash of a record given its predecessor's (exported for verification tools and the tamper tests). */
export function auditRecordHash(prevHash: string, at: string, entry: AuditEntry): string {
  const body = canonicalJson({ at, actor: entry.actor, action: entry.action, entityType: entry.entityType, entityId: entry.entityId, requestId: entry.requestId ?? null, eventId: entry.eventId ?? null, detail: entry.detail });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * Appends one record to the hash-chained audit log inside the caller's
 * transaction. A transaction-scoped advisory lock serialises appends so the
 * chain has no forks; it is released at commit.
 */
export async function appendAudit(tx: SqlExecutor, given: AuditEntry): Promise<void> {
  // Whatever a caller passes (a partner's id, a token's claim in a reason) is stored: an append must never fail
  // on text PostgreSQL refuses, or a record would be lost. Hashed as stored, so verification recomputes it.
  const entry: AuditEntry = {
    actor: clipText(given.actor, 200),
    action: clipText(given.action, 100),
    entityType: clipText(given.entityType, 100),
    entityId: clipText(given.entityId, 200),
    ...(given.requestId !== undefined && { requestId: clipText(given.requestId, 128) }),
    ...(given.eventId !== undefined && { eventId: clipText(given.eventId, 128) }),
    detail: storableJson(given.detail) as Record<string, unknown>,
  };
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('rt_audit'))`);
  const last = await tx.$queryRawUnsafe<{ hash: string }[]>(`SELECT hash FROM rt_audit ORDER BY seq DESC LIMIT 1`);
  const prevHash = last[0]?.hash ?? GENESIS;
  const at = new Date().toISOString();
  await tx.$executeRawUnsafe(
    `INSERT INTO rt_audit (at, actor, action, entity_type, entity_id, request_id, event_id, detail, prev_hash, hash)
     VALUES ($1::timestamptz, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)`,
    at,
    entry.actor,
    entry.action,
    entry.entityType,
    entry.entityId,
    entry.requestId ?? null,
    entry.eventId ?? null,
    JSON.stringify(entry.detail),
    prevHash,
    auditRecordHash(prevHash, at, entry),
  );
}

export interface AuditChainReport {
  readonly records: number;
  readonly intact: boolean;
  /** First record whose hash does not match its content or predecessor. */
  readonly brokenAt?: string;
}

/** Recomputes the whole chain; any edited, inserted or deleted row breaks it. */
export async function verifyAuditChain(db: SqlExecutor): Promise<AuditChainReport> {
  const rows = await db.$queryRawUnsafe<
    { seq: bigint; at: Date; actor: string; action: string; entity_type: string; entity_id: string; request_id: string | null; event_id: string | null; detail: Record<string, unknown>; prev_hash: string; hash: string }[]
  >(`SELECT seq, at, actor, action, entity_type, entity_id, request_id, event_id, detail, prev_hash, hash FROM rt_audit ORDER BY seq`);
  let prev = GENESIS;
  for (const row of rows) {
    const expected = auditRecordHash(prev, row.at.toISOString(), {
      actor: row.actor,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      ...(row.request_id !== null && { requestId: row.request_id }),
      ...(row.event_id !== null && { eventId: row.event_id }),
      detail: row.detail,
    });
    if (row.prev_hash !== prev || row.hash !== expected) return { records: rows.length, intact: false, brokenAt: String(row.seq) };
    prev = row.hash;
  }
  return { records: rows.length, intact: true };
}
