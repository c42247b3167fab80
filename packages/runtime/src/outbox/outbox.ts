import { buildEvent, toWireMessage, type BuildEventOptions, type EventDataInput, type EventType, type PlatformEvent } from '@tjc/contracts';
import { currentTraceparent } from '../telemetry/tracing';
import type { SqlExecutor } from '../db/sql';
import { namespaced } from '../kafka/namespace';

/** Wakes the relay at commit time (NOTIFY is delivered on commit only). */
export const OUTBOX_CHANNEL = 'rt_outbox';

/**
 * Writes events into the outbox inside the caller's transaction. Nothing is
 * sent to Kafka here: the relay publishes rows after the transaction commits,
 * so a rolled-back state change never leaks an event and a committed one
 * never loses its event.
 */
/** Rows per statement: 7 parameters each, well under PostgreSQL's 65,535 per statement. */
const OUTBOX_ROWS_PER_STATEMENT = 2_000;

export async function addToOutbox(tx: SqlExecutor, events: readonly PlatformEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (events.length > OUTBOX_ROWS_PER_STATEMENT) {
    for (let i = 0; i < events.length; i += OUTBOX_ROWS_PER_STATEMENT) await addToOutbox(tx, events.slice(i, i + OUTBOX_ROWS_PER_STATEMENT));
    return;
  }
  const values: unknown[] = [];
  const rows = events.map((event, i) => {
    const wire = toWireMessage(event);
    values.push(event.id, event.source, event.type, namespaced(wire.topic), wire.key, wire.value, JSON.stringify(wire.headers));
    const b = i * 7;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}::jsonb)`;
  });
  // One statement: the rows, and the NOTIFY that wakes the relay at commit (the CTE always runs in full).
  await tx.$executeRawUnsafe(
    `WITH staged AS (INSERT INTO rt_outbox (event_id, source, type, topic, key, value, headers) VALUES ${rows.join(', ')} RETURNING 1)
     SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM (SELECT count(*) FROM staged) AS n`,
    ...values,
  );
}

/**
 * Builds a validated event carrying the active trace context, and stages it
 * in the outbox of the given transaction.
 */
export async function publishInTx<T extends EventType>(
  tx: SqlExecutor,
  type: T,
  data: EventDataInput<T>,
  options: BuildEventOptions,
): Promise<PlatformEvent<T>> {
  const event = buildReaction(type, data, options);
  await addToOutbox(tx, [event as PlatformEvent]);
  return event;
}

/** A validated event carrying the active trace context, not yet staged (the caller stages it). */
export function buildReaction<T extends EventType>(type: T, data: EventDataInput<T>, options: BuildEventOptions): PlatformEvent<T> {
  return buildEvent(type, data, { ...currentTraceparent(), ...options });
}
