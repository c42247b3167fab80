import type { SqlExecutor } from '../db/sql';

/** One row of a record's audit trail, as the services' `GET /<records>/:id/audit` answer it. */
export interface AuditTrailRecord {
  readonly seq: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly requestId: string | null;
  readonly eventId: string | null;
  readonly detail: Record<string, unknown>;
}

/** A row of the whole log, for admins: also names its record and shows its chain hash. */
export interface AuditRecord extends AuditTrailRecord {
  readonly entityType: string;
  readonly entityId: string;
  readonly hash: string;
}

interface AuditSqlRow {
  seq: bigint;
  at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  request_id: string | null;
  event_id: string | null;
  detail: Record<string, unknown>;
  hash: string;
}

const COLUMNS = 'seq, at, actor, action, entity_type, entity_id, request_id, event_id, detail, hash';

function trailRecord(r: AuditSqlRow): AuditTrailRecord {
  return { seq: String(r.seq), at: r.at.toISOString(), actor: r.actor, action: r.action, requestId: r.request_id, eventId: r.event_id, detail: r.detail };
}

/** One record's audit trail, oldest first (all of it, or one page). */
export async function auditTrail(
  db: SqlExecutor,
  entityType: string,
  entityId: string,
  page?: { readonly limit: number; readonly offset: number },
): Promise<{ items: AuditTrailRecord[]; total: number }> {
  const paging = page ? ' LIMIT $3 OFFSET $4' : '';
  const [rows, count] = await Promise.all([
    db.$queryRawUnsafe<AuditSqlRow[]>(
      `SELECT ${COLUMNS} FROM rt_audit WHERE entity_type = $1 AND entity_id = $2 ORDER BY seq${paging}`,
      entityType,
      entityId,
      ...(page ? [page.limit, page.offset] : []),
    ),
    db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM rt_audit WHERE entity_type = $1 AND entity_id = $2`, entityType, entityId),
  ]);
  return { items: rows.map(trailRecord), total: Number(count[0]?.n ?? 0) };
}

export interface AuditFilter {
  readonly action?: string;
  /** A prefix, so `access.` finds every kind of denial. */
  readonly actionPrefix?: string;
  readonly actor?: string;
  readonly entityType?: string;
  readonly entityId?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly limit: number;
  readonly offset: number;
}

/** The service's whole audit log, newest first, filtered: the admins' query. */
export async function queryAudit(db: SqlExecutor, filter: AuditFilter): Promise<{ items: AuditRecord[]; total: number; limit: number; offset: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.action !== undefined) add('action = ?', filter.action);
  if (filter.actionPrefix !== undefined)
    add(
      `action LIKE ? || '%'`,
      filter.actionPrefix.replace(/[\\%_]/g, (c) => `\\${c}`),
    );
  if (filter.actor !== undefined) add('actor = ?', filter.actor);
  if (filter.entityType !== undefined) add('entity_type = ?', filter.entityType);
  if (filter.entityId !== undefined) add('entity_id = ?', filter.entityId);
  if (filter.from !== undefined) add('at >= ?::timestamptz', filter.from.toISOString());
  if (filter.to !== undefined) add('at < ?::timestamptz', filter.to.toISOString());
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [rows, count] = await Promise.all([
    db.$queryRawUnsafe<AuditSqlRow[]>(
      `SELECT ${COLUMNS} FROM rt_audit ${clause} ORDER BY seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      ...params,
      filter.limit,
      filter.offset,
    ),
    db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM rt_audit ${clause}`, ...params),
  ]);
  return {
    items: rows.map((r) => ({ ...trailRecord(r), entityType: r.entity_type, entityId: r.entity_id, hash: r.hash })),
    total: Number(count[0]?.n ?? 0),
    limit: filter.limit,
    offset: filter.offset,
  };
}
