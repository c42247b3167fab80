import type { PlatformEvent } from '@tjc/contracts';
import type { SqlExecutor } from '../db/sql';

export interface MessageCoordinates {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * Claims an event for a consumer group inside the handler's transaction.
 * Returns false when the group already processed it (a duplicate or a
 * redelivery); the caller then skips the handler. A concurrent claim of the
 * same event waits on the primary key until the first transaction ends, so
 * two deliveries can never both apply.
 */
export async function claimInbox(tx: SqlExecutor, group: string, event: PlatformEvent, at: MessageCoordinates): Promise<boolean> {
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO rt_inbox (consumer_group, source, event_id, type, topic, partition, "offset")
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    group,
    event.source,
    event.id,
    event.type,
    at.topic,
    at.partition,
    BigInt(at.offset),
  );
  return inserted === 1;
}

/**
 * Claims many events in one statement (a batch's transaction). Returns the
 * refs (`source\u0000id`) this call claimed; the others were processed
 * before, or are claimed by a concurrent transaction, whose commit this
 * statement waits for (ON CONFLICT waits on the key), so they are skipped.
 */
export async function claimInboxBatch(tx: SqlExecutor, group: string, claims: readonly { event: PlatformEvent; at: MessageCoordinates }[]): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const rows = await tx.$queryRawUnsafe<{ source: string; event_id: string }[]>(
    `INSERT INTO rt_inbox (consumer_group, source, event_id, type, topic, partition, "offset")
     SELECT $1, r.source, r.event_id, r.type, r.topic, r.partition, r.offset::bigint
       FROM jsonb_to_recordset($2::jsonb) AS r(source text, event_id text, type text, topic text, partition int, "offset" text)
     ON CONFLICT DO NOTHING
     RETURNING source, event_id`,
    group,
    JSON.stringify(claims.map((c) => ({ source: c.event.source, event_id: c.event.id, type: c.event.type, topic: c.at.topic, partition: c.at.partition, offset: c.at.offset }))),
  );
  return new Set(rows.map((r) => `${r.source}\u0000${r.event_id}`));
}
