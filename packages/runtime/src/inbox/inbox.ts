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
