import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { appendAudit } from '../audit/audit-log';
import { RUNTIME_DB, type TransactionalDb } from '../db/sql';
import type { ProcessOutcome } from '../consumer/reliable-kafka.server';
import { ConsumerRegistry } from '../health/consumer-registry';

export interface DeadLetterView {
  readonly id: string;
  readonly consumerGroup: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly eventId: string | null;
  readonly eventType: string | null;
  readonly errorKind: string;
  readonly error: string;
  readonly attempts: number;
  readonly status: 'pending' | 'replayed' | 'discarded';
  readonly createdAt: string;
  readonly resolvedAt: string | null;
  readonly resolvedBy: string | null;
  readonly value: string | null;
}

interface Row {
  id: string;
  consumer_group: string;
  topic: string;
  partition: number;
  offset: bigint;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  event_id: string | null;
  event_type: string | null;
  error_kind: string;
  error: string;
  attempts: number;
  status: DeadLetterView['status'];
  created_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
}

const toView = (r: Row): DeadLetterView => ({
  id: r.id,
  consumerGroup: r.consumer_group,
  topic: r.topic,
  partition: r.partition,
  offset: String(r.offset),
  key: r.key,
  eventId: r.event_id,
  eventType: r.event_type,
  errorKind: r.error_kind,
  error: r.error,
  attempts: r.attempts,
  status: r.status,
  createdAt: r.created_at.toISOString(),
  resolvedAt: r.resolved_at?.toISOString() ?? null,
  resolvedBy: r.resolved_by,
  value: r.value,
});

/**
 * Lists, replays and discards the dead letters of this service's consumer.
 * Replay runs the stored message through exactly the consumer's path
 * (validation, inbox, handler transaction), so a replay that succeeds twice
 * still applies once. Every replay and discard is audited.
 */
@Injectable()
export class DeadLettersService {
  constructor(
    @Inject(RUNTIME_DB) private readonly db: TransactionalDb,
    private readonly consumers: ConsumerRegistry,
  ) {}

  async list(query: { status?: DeadLetterView['status']; limit: number; offset: number }): Promise<{ items: DeadLetterView[]; total: number }> {
    const where = query.status ? `WHERE status = $1` : `WHERE $1::text IS NULL`;
    const status = query.status ?? null;
    const [rows, count] = await Promise.all([
      this.db.$queryRawUnsafe<Row[]>(`SELECT * FROM rt_dead_letter ${where} ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`, status, query.limit, query.offset),
      this.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM rt_dead_letter ${where}`, status),
    ]);
    return { items: rows.map(toView), total: Number(count[0]?.n ?? 0) };
  }

  async get(id: string): Promise<DeadLetterView> {
    return toView(await this.row(id));
  }

  async replay(id: string, actor: string, requestId?: string): Promise<{ outcome: ProcessOutcome; deadLetter: DeadLetterView }> {
    const row = await this.pending(id);
    const server = this.consumers.server;
    if (!server) throw new ConflictException('this service has no consumer to replay into');
    const outcome = await server
      .processOnce(
        {
          topic: row.topic,
          partition: row.partition,
          offset: String(row.offset),
          key: row.key === null ? null : Buffer.from(row.key),
          value: row.value === null ? null : Buffer.from(row.value),
          headers: row.headers,
        },
        row.attempts + 1,
      )
      .catch(async (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        await this.db.$executeRawUnsafe(`UPDATE rt_dead_letter SET attempts = attempts + 1, error = $2 WHERE id = $1::uuid`, id, message.slice(0, 4000));
        await this.db.$transaction((tx) => appendAudit(tx, { actor, action: 'dead-letter.replay-failed', entityType: 'dead-letter', entityId: id, ...(requestId && { requestId }), detail: { error: message } }));
        throw new ConflictException({ message: `replay failed: ${message}`, deadLetterId: id });
      });
    await this.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`UPDATE rt_dead_letter SET status = 'replayed', resolved_at = now(), resolved_by = $2, attempts = attempts + 1 WHERE id = $1::uuid`, id, actor);
      await appendAudit(tx, { actor, action: 'dead-letter.replay', entityType: 'dead-letter', entityId: id, ...(requestId && { requestId }), ...(row.event_id && { eventId: row.event_id }), detail: { outcome, topic: row.topic, offset: String(row.offset) } });
    });
    return { outcome, deadLetter: await this.get(id) };
  }

  async discard(id: string, actor: string, reason: string, requestId?: string): Promise<DeadLetterView> {
    await this.pending(id);
    await this.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`UPDATE rt_dead_letter SET status = 'discarded', resolved_at = now(), resolved_by = $2 WHERE id = $1::uuid`, id, actor);
      await appendAudit(tx, { actor, action: 'dead-letter.discard', entityType: 'dead-letter', entityId: id, ...(requestId && { requestId }), detail: { reason } });
    });
    return this.get(id);
  }

  private async row(id: string): Promise<Row> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundException(`dead letter ${id} not found`);
    const rows = await this.db.$queryRawUnsafe<Row[]>(`SELECT * FROM rt_dead_letter WHERE id = $1::uuid`, id);
    if (!rows[0]) throw new NotFoundException(`dead letter ${id} not found`);
    return rows[0];
  }

  private async pending(id: string): Promise<Row> {
    const row = await this.row(id);
    if (row.status !== 'pending') throw new ConflictException({ message: `dead letter ${id} is already ${row.status}`, status: row.status, allowed: [] });
    return row;
  }
}
