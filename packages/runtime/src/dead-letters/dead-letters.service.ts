import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { appendAudit } from '../audit/audit-log';
import { auditTrail, type AuditTrailRecord } from '../audit/audit-query';
import type { FailureKind } from '../consumer/errors';
import type { FieldError } from '../http/validation';
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
  /** The event's publisher (`partner/hebei-center`), from the value or its ce_source header. */
  readonly source: string | null;
  readonly errorKind: string;
  /** The latest error: a replay that failed again replaces it. */
  readonly error: string;
  /** The error that dead-lettered the message. */
  readonly firstError: string;
  readonly attempts: number;
  readonly status: 'pending' | 'replayed' | 'discarded';
  readonly createdAt: string;
  readonly resolvedAt: string | null;
  readonly resolvedBy: string | null;
  readonly value: string | null;
  /** The Kafka headers as consumed (ce_id, ce_source, ce_type, traceparent, …). */
  readonly headers: Record<string, string>;
}

/** A dead letter with its audit trail: every replay (its outcome, or why it failed again) and the discard. */
export interface DeadLetterDetail extends DeadLetterView {
  readonly history: AuditTrailRecord[];
}

/** The list's filters (all optional, combined with AND); `q` searches the first and latest error text. */
export interface DeadLetterFilter {
  readonly status?: DeadLetterView['status'] | undefined;
  readonly eventType?: string | undefined;
  readonly errorKind?: FailureKind | undefined;
  readonly source?: string | undefined;
  readonly q?: string | undefined;
}

/** Which dead letters a bulk action is for: these ids, or every pending one matching the filter. */
export type BulkTarget = { readonly ids: readonly string[] } | { readonly filter: Omit<DeadLetterFilter, 'status'> };

/** At most this many dead letters per bulk call (ids given, or pending ones a filter matches). */
export const MAX_BULK = 500;

export interface BulkItem {
  readonly id: string;
  readonly result: 'replayed' | 'discarded' | 'failed' | 'skipped';
  /** replayed: what the consumer did with it. */
  readonly outcome?: ProcessOutcome;
  /** failed: why the replay failed again. */
  readonly error?: string;
  /** skipped: the dead letter's status (no longer pending), or `not-found`. */
  readonly status?: DeadLetterView['status'] | 'not-found';
}

export interface BulkResult {
  readonly requested: number;
  /** Replayed or discarded. */
  readonly succeeded: number;
  /** Replays that failed again (still pending, the error recorded). */
  readonly failed: number;
  /** No longer pending (or gone). */
  readonly skipped: number;
  readonly items: BulkItem[];
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
  source: string | null;
  error_kind: string;
  error: string;
  first_error: string | null;
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
  source: r.source,
  errorKind: r.error_kind,
  error: r.error,
  firstError: r.first_error ?? r.error,
  attempts: r.attempts,
  status: r.status,
  createdAt: r.created_at.toISOString(),
  resolvedAt: r.resolved_at?.toISOString() ?? null,
  resolvedBy: r.resolved_by,
  value: r.value,
  headers: r.headers,
});

/** `ILIKE` pattern matching `text` anywhere, its wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The WHERE clause of a filter, its parameters numbered from `$1`. */
function whereOf(filter: DeadLetterFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(clause(`$${params.length}`));
  };
  if (filter.status) add((n) => `status = ${n}`, filter.status);
  if (filter.eventType) add((n) => `event_type = ${n}`, filter.eventType);
  if (filter.errorKind) add((n) => `error_kind = ${n}`, filter.errorKind);
  if (filter.source) add((n) => `source = ${n}`, filter.source);
  if (filter.q) add((n) => `(error ILIKE ${n} OR first_error ILIKE ${n})`, containing(filter.q));
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const tooMany = (path: string, message: string) => {
  const error: FieldError = { path, rule: 'too_big', message };
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `${path}: ${message}`, errors: [error] });
};

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

  async list(query: DeadLetterFilter & { limit: number; offset: number }): Promise<{ items: DeadLetterView[]; total: number }> {
    const { sql: where, params } = whereOf(query);
    const n = params.length;
    const [rows, count] = await Promise.all([
      this.db.$queryRawUnsafe<Row[]>(`SELECT * FROM rt_dead_letter ${where} ORDER BY created_at DESC, id LIMIT $${n + 1} OFFSET $${n + 2}`, ...params, query.limit, query.offset),
      this.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM rt_dead_letter ${where}`, ...params),
    ]);
    return { items: rows.map(toView), total: Number(count[0]?.n ?? 0) };
  }

  async get(id: string): Promise<DeadLetterDetail> {
    const row = await this.row(id);
    const trail = await auditTrail(this.db, 'dead-letter', id);
    return { ...toView(row), history: trail.items };
  }

  async replay(id: string, actor: string, requestId?: string): Promise<{ outcome: ProcessOutcome; deadLetter: DeadLetterDetail }> {
    const row = await this.pending(id);
    const attempt = await this.attemptReplay(row, actor, requestId);
    if (!attempt.ok) throw new ConflictException({ message: `replay failed: ${attempt.error}`, deadLetterId: id });
    return { outcome: attempt.outcome, deadLetter: await this.get(id) };
  }

  /** Replays each dead letter in turn, as `replay` does one (each audited); reports what happened to each. */
  async replayMany(target: BulkTarget, actor: string, requestId?: string): Promise<BulkResult> {
    this.server(); // refuse before anything when there is nothing to replay into
    return this.forEach(await this.targetIds(target), async (row) => {
      const attempt = await this.attemptReplay(row, actor, requestId);
      return attempt.ok ? { id: row.id, result: 'replayed', outcome: attempt.outcome } : { id: row.id, result: 'failed', error: attempt.error };
    });
  }

  /** Discards each pending dead letter with the one reason, as `discard` does one (each audited). */
  async discardMany(target: BulkTarget, actor: string, reason: string, requestId?: string): Promise<BulkResult> {
    return this.forEach(await this.targetIds(target), async (row) => {
      await this.discardRow(row.id, actor, reason, requestId);
      return { id: row.id, result: 'discarded' };
    });
  }

  async discard(id: string, actor: string, reason: string, requestId?: string): Promise<DeadLetterDetail> {
    await this.pending(id);
    await this.discardRow(id, actor, reason, requestId);
    return this.get(id);
  }

  private server() {
    const server = this.consumers.server;
    if (!server) throw new ConflictException('this service has no consumer to replay into');
    return server;
  }

  /** Runs a pending row through the consumer's path; a failure is recorded on the row and audited, and returned. */
  private async attemptReplay(row: Row, actor: string, requestId?: string): Promise<{ ok: true; outcome: ProcessOutcome } | { ok: false; error: string }> {
    const id = row.id;
    let outcome: ProcessOutcome;
    try {
      outcome = await this.server().processOnce(
        {
          topic: row.topic,
          partition: row.partition,
          offset: String(row.offset),
          key: row.key === null ? null : Buffer.from(row.key),
          value: row.value === null ? null : Buffer.from(row.value),
          headers: row.headers,
        },
        row.attempts + 1,
      );
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      await this.db.$executeRawUnsafe(`UPDATE rt_dead_letter SET attempts = attempts + 1, first_error = COALESCE(first_error, error), error = $2 WHERE id = $1::uuid`, id, message.slice(0, 4000));
      await this.db.$transaction((tx) => appendAudit(tx, { actor, action: 'dead-letter.replay-failed', entityType: 'dead-letter', entityId: id, ...(requestId && { requestId }), detail: { error: message } }));
      return { ok: false, error: message };
    }
    await this.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`UPDATE rt_dead_letter SET status = 'replayed', resolved_at = now(), resolved_by = $2, attempts = attempts + 1 WHERE id = $1::uuid`, id, actor);
      await appendAudit(tx, { actor, action: 'dead-letter.replay', entityType: 'dead-letter', entityId: id, ...(requestId && { requestId }), ...(row.event_id && { eventId: row.event_id }), detail: { outcome, topic: row.topic, offset: String(row.offset) } });
    });
    return { ok: true, outcome };
  }

  private async discardRow(id: string, actor: string, reason: string, requestId?: string): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`UPDATE rt_dead_letter SET status = 'discarded', resolved_at = now(), resolved_by = $2 WHERE id = $1::uuid`, id, actor);
      await appendAudit(tx, { actor, action: 'dead-letter.discard', entityType: 'dead-letter', entityId: id, ...(requestId && { requestId }), detail: { reason } });
    });
  }

  /** The ids given (each once, in order), or the pending ones the filter matches (oldest first); at most MAX_BULK. */
  private async targetIds(target: BulkTarget): Promise<string[]> {
    if ('ids' in target) {
      if (target.ids.length > MAX_BULK) throw tooMany('ids', `at most ${MAX_BULK} ids per call`);
      return [...new Set(target.ids)];
    }
    const { sql: where, params } = whereOf({ ...target.filter, status: 'pending' });
    const rows = await this.db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM rt_dead_letter ${where} ORDER BY created_at, id LIMIT ${MAX_BULK + 1}`, ...params);
    if (rows.length > MAX_BULK) throw tooMany('filter', `matches more than ${MAX_BULK} pending dead letters; at most ${MAX_BULK} per call: narrow the filter`);
    return rows.map((r) => r.id);
  }

  /** Acts on each still-pending dead letter; one no longer pending (or gone) is skipped, not an error. */
  private async forEach(ids: readonly string[], act: (row: Row) => Promise<BulkItem>): Promise<BulkResult> {
    const items: BulkItem[] = [];
    for (const id of ids) {
      const row = await this.findRow(id);
      if (!row) items.push({ id, result: 'skipped', status: 'not-found' });
      else if (row.status !== 'pending') items.push({ id, result: 'skipped', status: row.status });
      else items.push(await act(row));
    }
    const count = (r: BulkItem['result'][]) => items.filter((i) => r.includes(i.result)).length;
    return { requested: ids.length, succeeded: count(['replayed', 'discarded']), failed: count(['failed']), skipped: count(['skipped']), items };
  }

  private async findRow(id: string): Promise<Row | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const rows = await this.db.$queryRawUnsafe<Row[]>(`SELECT * FROM rt_dead_letter WHERE id = $1::uuid`, id);
    return rows[0];
  }

  private async row(id: string): Promise<Row> {
    const row = await this.findRow(id);
    if (!row) throw new NotFoundException(`dead letter ${id} not found`);
    return row;
  }

  private async pending(id: string): Promise<Row> {
    const row = await this.row(id);
    if (row.status !== 'pending') throw new ConflictException({ message: `dead letter ${id} is already ${row.status}`, status: row.status, allowed: [] });
    return row;
  }
}
