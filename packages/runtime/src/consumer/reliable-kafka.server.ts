import { CustomTransportStrategy, Server, type MessageHandler } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { lastValueFrom } from 'rxjs';
import {
  ContractViolation,
  DEAD_LETTER_HEADERS,
  deadLetterTopic,
  fromWireValue,
  parseEvent,
  WIRE_HEADERS,
  type PlatformEvent,
  type Source,
} from '@tjc/contracts';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { SqlExecutor, TransactionalDb } from '../db/sql';
import { claimInbox, claimInboxBatch, type MessageCoordinates } from '../inbox/inbox';
import { addToOutbox } from '../outbox/outbox';
import { namespaced } from '../kafka/namespace';
import type { RuntimeMetrics } from '../telemetry/metrics';
import { contextFromTraceparent, inSpan, tracer } from '../telemetry/tracing';
import { backoffMs, Limiter } from './concurrency';
import { AbandonedError, classifyFailure, FAILURE_KINDS, type FailureKind } from './errors';
import { ReliableBatchContext, ReliableEventContext } from './event-context';
import { ANY_EVENT, BATCH_HANDLER } from './on-event.decorator';
import { runPartitionBatch } from './partition-batch';

export interface ReliableKafkaOptions {
  readonly kafka: Kafka;
  readonly db: TransactionalDb;
  readonly logger: Logger;
  readonly metrics: RuntimeMetrics;
  readonly groupId: string;
  readonly topics: readonly string[];
  /** The service's own source, for events it publishes in reaction. */
  readonly source: Source;
  /** Handler transactions running at once, across all partitions. */
  readonly concurrency?: number;
  /** Kafka consumer session timeout (default 30 s); heartbeats go at a tenth of it. */
  readonly sessionTimeoutMs?: number;
  readonly maxAttempts?: number;
  readonly retryBaseMs?: number;
  readonly handlerTimeoutMs?: number;
  readonly fromBeginning?: boolean;
  /**
   * Most consecutive messages of a partition applied in one transaction (one
   * inbox claim, the handlers in offset order, one outbox write); 1 processes
   * each message in a transaction of its own.
   */
  readonly batchSize?: number;
  /** How long lag may grow without progress before readiness turns false. */
  readonly stallAfterMs?: number;
  readonly onDeadLetter?: DeadLetterHook['onDeadLetter'];
}

export type ProcessOutcome = 'processed' | 'duplicate' | 'ignored';

/**
 * Optional provider (token DEAD_LETTER_HOOK): told about each dead letter
 * right after it is stored, e.g. to quarantine a partner's event at once.
 * A failing hook is logged; the dead letter is kept either way.
 */
export const DEAD_LETTER_HOOK = Symbol('DEAD_LETTER_HOOK');
export interface DeadLetterHook {
  onDeadLetter(message: StoredMessage, failure: { readonly kind: FailureKind; readonly reason: string; readonly attempts: number }): Promise<void>;
}

/** A message as stored for replay: what the consumer needs to process it again. */
export interface StoredMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, string>;
}

export interface ConsumerHealth {
  readonly joined: boolean;
  readonly crashed?: string;
  readonly lag: number;
  readonly lastProgressAt: number;
  readonly stalled: boolean;
}

const headerString = (v: IHeaders[string]): string | undefined => {
  if (v === undefined) return undefined;
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
};

/**
 * A NestJS transport strategy on kafkajs with the platform's delivery
 * semantics, under the ordinary `@EventPattern('<event type>')` handlers:
 *
 *  - eachBatch; partitions in parallel; a partition's messages in offset
 *    order, up to `batchSize` of them in ONE database transaction: one
 *    multi-row inbox claim (a duplicate or redelivery applies once), the
 *    handlers in offset order (an `@OnEventBatch` handler gets its run of
 *    events in one call), one multi-row outbox insert, one commit;
 *  - messages of types no handler wants skipped by their ce_type header,
 *    unparsed; every other message validated against the contracts before a
 *    handler sees it;
 *  - a batch that fails (a bad event, a deadlock) is rolled back and its
 *    messages processed one by one, per key in order and keys in parallel,
 *    with retries and dead letters: a failing event never fails its
 *    neighbours;
 *  - offsets resolved (low watermark) only after that transaction commits;
 *  - transient failures retried with backoff on that key only; permanent
 *    ones, and those past the retry budget, dead-lettered with their origin
 *    in headers and recorded for replay;
 *  - rebalance/shutdown: in-flight work finishes, nothing past it commits.
 */
export class ReliableKafkaServer extends Server implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  private consumer?: Consumer;
  private producer?: Producer;
  private readonly limiter: Limiter;
  private readonly dlqTopic: string;
  private joined = false;
  private crashed: string | undefined;
  private lastProgressAt = Date.now();
  private lag = 0;
  private lagTimer?: NodeJS.Timeout;
  private closing?: Promise<void>;

  constructor(private readonly options: ReliableKafkaOptions) {
    super();
    this.limiter = new Limiter(options.concurrency ?? 8);
    this.dlqTopic = namespaced(deadLetterTopic(options.groupId).name);
  }

  get groupId(): string {
    return this.options.groupId;
  }

  health(): ConsumerHealth {
    const stalled = this.lag > 0 && Date.now() - this.lastProgressAt > (this.options.stallAfterMs ?? 60_000);
    return { joined: this.joined, ...(this.crashed !== undefined && { crashed: this.crashed }), lag: this.lag, lastProgressAt: this.lastProgressAt, stalled };
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  private async start(): Promise<void> {
    const { kafka, groupId, topics } = this.options;
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
    this.consumer = kafka.consumer({
      // The broker-side group is namespaced like the topics, so an isolated copy (a test's service) never
      // joins the group of a running platform on the same broker; inbox rows and dead letters keep the plain name.
      groupId: namespaced(groupId),
      allowAutoTopicCreation: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: Math.max(1_000, Math.floor((this.options.sessionTimeoutMs ?? 30_000) / 10)),
      maxBytesPerPartition: 1024 * 1024,
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.joined = true;
      this.crashed = undefined;
    });
    this.consumer.on(this.consumer.events.REBALANCING, () => (this.joined = false));
    this.consumer.on(this.consumer.events.STOP, () => (this.joined = false));
    this.consumer.on(this.consumer.events.CRASH, (e) => {
      this.joined = false;
      this.crashed = e.payload.error.message;
      this.options.logger.error({ err: e.payload.error, restart: e.payload.restart }, 'consumer crashed');
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...topics], fromBeginning: this.options.fromBeginning ?? true });
    // Every dead-letter series starts at 0: Prometheus's increase() cannot see a counter's first
    // appearance, so an alert on new dead letters (infra/prometheus/alerts.yml) would miss the first one.
    for (const topic of topics) for (const kind of FAILURE_KINDS) this.options.metrics.deadLettered.inc({ topic, group: this.options.groupId, kind }, 0);
    await this.consumer.run({
      autoCommit: true,
      autoCommitInterval: 1_000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: Math.max(1, Math.min(this.options.concurrency ?? 8, 6)),
      eachBatch: (payload) => this.eachBatch(payload),
    });
    this.lagTimer = setInterval(() => void this.measureLag(), 5_000);
    this.lagTimer.unref();
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const alive = () => payload.isRunning() && !payload.isStale() && !this.closing;
    // During shutdown, finished work is still resolved and committed (drain);
    // after a revoke it is not: the partition belongs to someone else now.
    const resolvable = () => !payload.isStale();
    const resolve = (offset: string) => {
      payload.resolveOffset(offset);
      this.lastProgressAt = Date.now();
    };
    const size = Math.max(1, this.options.batchSize ?? 200);
    for (let i = 0; i < batch.messages.length && alive(); ) {
      const chunk = batch.messages.slice(i, i + size);
      const together = await this.processBatch(batch.topic, batch.partition, chunk, alive);
      if (together) {
        if (!resolvable()) return;
        for (const m of chunk) resolve(m.offset);
      } else {
        // One by one: per key in order, keys in parallel, offsets resolved as a low watermark.
        const { abandoned } = await runPartitionBatch(chunk, {
          process: (message) => this.processWithRetries(batch.topic, batch.partition, message, alive),
          resolve,
          alive,
          resolvable,
          heartbeat: () => payload.heartbeat(),
        });
        if (abandoned) break;
      }
      i += chunk.length;
      await payload.heartbeat().catch(() => undefined);
      if (resolvable()) await payload.commitOffsetsIfNecessary();
    }
    if (resolvable()) await payload.commitOffsetsIfNecessary();
  }

  /** Is there a handler for this type (by the ce_type header, before anything is parsed)? */
  private wants(type: string | undefined): boolean {
    return type === undefined || this.getHandlerByPattern(type) !== undefined || this.getHandlerByPattern(ANY_EVENT) !== undefined;
  }

  /**
   * A chunk of one partition in one transaction. Returns true when every
   * message of it is final (applied, a duplicate, or of no interest), false
   * when the caller must process the messages one by one (nothing of the
   * chunk has taken effect then): a message failing its contract (it is
   * dead-lettered on that path), or any failure of the transaction.
   */
  private async processBatch(topic: string, partition: number, messages: readonly KafkaMessage[], alive: () => boolean): Promise<boolean> {
    if (!alive()) return false;
    const stored = messages.map((m) => toStored(topic, partition, m));
    const work: { message: StoredMessage; event: PlatformEvent; handler: MessageHandler }[] = [];
    let ignored = 0;
    try {
      for (const message of stored) {
        if (!this.wants(message.headers[WIRE_HEADERS.type])) {
          ignored++;
          continue;
        }
        const prepared = this.prepare(message);
        if (prepared === 'ignored') ignored++;
        else work.push({ message, ...prepared });
      }
    } catch {
      return false;
    }
    const { groupId } = this.options;
    if (ignored) this.options.metrics.consumed.inc({ topic, type: 'ignored', group: groupId, outcome: 'ignored' }, ignored);
    if (work.length === 0) return true;
    const started = process.hrtime.bigint();
    const hooks: (() => Promise<void> | void)[] = [];
    try {
      const outcomes = await this.limiter.run(() =>
        this.options.db.$transaction(async (tx) => {
          const coordinates = (m: StoredMessage): MessageCoordinates => ({ topic: m.topic, partition: m.partition, offset: m.offset });
          const claimed = await claimInboxBatch(tx, groupId, work.map((w) => ({ event: w.event, at: coordinates(w.message) })));
          const outbox: PlatformEvent[] = [];
          const results: ('processed' | 'duplicate')[] = [];
          const seen = new Set<string>();
          for (let i = 0; i < work.length; ) {
            const w = work[i]!;
            // A run of consecutive events for the same batch handler goes to it in one call.
            if (isBatchHandler(w.handler)) {
              let j = i;
              const run: typeof work = [];
              while (j < work.length && work[j]!.handler === w.handler) run.push(work[j++]!);
              const fresh = run.filter((r) => isFresh(r.event));
              for (const r of run) results.push(fresh.includes(r) ? 'processed' : 'duplicate');
              if (fresh.length) {
                await this.spansFor(fresh, async () => {
                  const ctx = new ReliableBatchContext<SqlExecutor>([fresh.map((r) => r.event), tx, fresh.map((r) => coordinates(r.message)), groupId, this.options.source, hooks, outbox]);
                  await lastValueFrom(this.transformToObservable(await w.handler(fresh.map((r) => r.event), ctx)), { defaultValue: undefined });
                });
              }
              i = j;
              continue;
            }
            if (!isFresh(w.event)) results.push('duplicate');
            else results.push(await this.applyClaimed(tx, w.message, w, 1, hooks, outbox));
            i++;
          }
          await addToOutbox(tx, outbox);
          return results;

          function isFresh(event: PlatformEvent): boolean {
            const ref = `${event.source}\u0000${event.id}`;
            if (!claimed.has(ref) || seen.has(ref)) return false;
            seen.add(ref);
            return true;
          }
        }, this.txOptions),
      );
      await this.runAfterCommit(hooks);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9 / work.length;
      outcomes.forEach((outcome, i) => {
        const type = work[i]!.event.type;
        this.options.metrics.consumed.inc({ topic, type, group: groupId, outcome });
        this.options.metrics.handlerSeconds.observe({ topic, type, group: groupId }, seconds);
      });
      return true;
    } catch (error) {
      this.options.logger.debug({ err: error, topic, partition, size: messages.length }, 'batch failed; processing its messages one by one');
      return false;
    }
  }

  /** A consumer span per event of a batch handler's run, all covering the one call (each continues its message's trace). */
  private async spansFor<T>(run: readonly { message: StoredMessage; event: PlatformEvent }[], fn: () => Promise<T>): Promise<T> {
    const spans = run.map((r) =>
      tracer().startSpan(
        `${r.message.topic} process`,
        { kind: SpanKind.CONSUMER, attributes: { ...this.spanAttributes(r.message, r.event), 'messaging.batch.message_count': run.length } },
        contextFromTraceparent(r.message.headers[WIRE_HEADERS.traceparent] ?? r.event.traceparent, r.message.headers[WIRE_HEADERS.tracestate]),
      ),
    );
    try {
      const result = await fn();
      for (const s of spans) s.setStatus({ code: SpanStatusCode.OK });
      return result;
    } catch (error) {
      for (const s of spans) s.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      for (const s of spans) s.end();
    }
  }

  private async processWithRetries(topic: string, partition: number, message: KafkaMessage, alive: () => boolean): Promise<void> {
    const stored = toStored(topic, partition, message);
    const { groupId } = this.options;
    let outage = 0;
    for (let attempt = 1; ; attempt++) {
      if (!alive()) throw new AbandonedError();
      const started = process.hrtime.bigint();
      const type = stored.headers[WIRE_HEADERS.type] ?? 'unknown';
      try {
        const outcome = await this.limiter.run(() => this.processOnce(stored, attempt));
        this.options.metrics.consumed.inc({ topic, type, group: groupId, outcome });
        this.options.metrics.handlerSeconds.observe({ topic, type, group: groupId }, Number(process.hrtime.bigint() - started) / 1e9);
        return;
      } catch (error) {
        const kind = classifyFailure(error);
        this.options.metrics.failed.inc({ topic, type, group: groupId, kind });
        if (kind === 'unavailable') {
          // The database is down: wait it out (capped backoff) without spending
          // an attempt, so a valid event is never dead-lettered for an outage.
          // A rebalance or shutdown still abandons the message (redelivered).
          outage++;
          attempt--;
          if (outage === 1 || outage % 10 === 0) {
            this.options.logger.warn({ err: error, topic, partition, offset: message.offset, waits: outage }, 'database unavailable; waiting for it before retrying this key');
          }
          await this.pause(backoffMs(Math.min(outage, 8), this.options.retryBaseMs ?? 200, 5_000), alive);
          continue;
        }
        outage = 0;
        const exhausted = attempt >= (this.options.maxAttempts ?? 5);
        if (kind !== 'transient' || exhausted) {
          await this.deadLetter(stored, error, kind, attempt, alive);
          return;
        }
        this.options.metrics.retried.inc({ topic, type, group: groupId });
        this.options.logger.warn({ err: error, topic, partition, offset: message.offset, attempt }, 'handler failed; retrying this key with backoff');
        await this.pause(backoffMs(attempt, this.options.retryBaseMs ?? 200), alive);
      }
    }
  }

  /** Decodes, validates and finds the handler; throws ContractViolation for bad input. */
  private prepare(message: StoredMessage): { event: PlatformEvent; handler: MessageHandler } | 'ignored' {
    const decoded = fromWireValue(message.value);
    if (!decoded.ok) throw new ContractViolation('invalid-envelope', [{ path: '', rule: 'invalid_json', message: decoded.reason }]);
    const parsed = parseEvent(decoded.raw);
    if (!parsed.ok) throw parsed.error;
    // Topics carry many event types; a service handles the ones it needs, or
    // all of them with a catch-all `@OnAnyEvent()` handler (e.g. an archive).
    const handler = this.getHandlerByPattern(parsed.event.type) ?? this.getHandlerByPattern(ANY_EVENT);
    return handler ? { event: parsed.event, handler } : 'ignored';
  }

  private spanAttributes(message: StoredMessage, event: PlatformEvent): Record<string, string | number> {
    return {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': message.topic,
      'messaging.destination.partition.id': String(message.partition),
      'messaging.kafka.offset': Number(message.offset),
      'messaging.consumer.group.name': this.options.groupId,
      'messaging.message.id': event.id,
      'cloudevents.event_type': event.type,
      'cloudevents.event_source': event.source,
    };
  }

  /** Inbox claim + handler inside the caller's transaction, in a consumer span; `afterCommit` collects the handler's post-commit hooks. */
  private async apply(tx: SqlExecutor, message: StoredMessage, prepared: { event: PlatformEvent; handler: MessageHandler }, attempt: number, afterCommit: (() => Promise<void> | void)[]): Promise<'processed' | 'duplicate'> {
    const at: MessageCoordinates = { topic: message.topic, partition: message.partition, offset: message.offset };
    if (!(await claimInbox(tx, this.options.groupId, prepared.event, at))) return 'duplicate';
    return this.applyClaimed(tx, message, prepared, attempt, afterCommit);
  }

  /** The handler of an event already claimed in this transaction, in its consumer span. `outbox`: stage publishes there (a batch writes them at its end). */
  private applyClaimed(
    tx: SqlExecutor,
    message: StoredMessage,
    prepared: { event: PlatformEvent; handler: MessageHandler },
    attempt: number,
    afterCommit: (() => Promise<void> | void)[],
    outbox?: PlatformEvent[],
  ): Promise<'processed'> {
    const { event, handler } = prepared;
    const at: MessageCoordinates = { topic: message.topic, partition: message.partition, offset: message.offset };
    const parent = contextFromTraceparent(message.headers[WIRE_HEADERS.traceparent] ?? event.traceparent, message.headers[WIRE_HEADERS.tracestate]);
    return inSpan(`${message.topic} process`, SpanKind.CONSUMER, parent, this.spanAttributes(message, event), async () => {
      if (isBatchHandler(handler)) {
        // One event on the one-by-one path, given to a batch handler as a batch of one.
        const staged = outbox ?? [];
        const batchCtx = new ReliableBatchContext<SqlExecutor>([[event], tx, [at], this.options.groupId, this.options.source, afterCommit, staged]);
        await lastValueFrom(this.transformToObservable(await handler([event], batchCtx)), { defaultValue: undefined });
        if (!outbox) await addToOutbox(tx, staged);
      } else {
        const ctx = new ReliableEventContext<SqlExecutor>(
          outbox
            ? [event, tx, at, attempt, this.options.groupId, this.options.source, message.headers, message.value, afterCommit, outbox]
            : [event, tx, at, attempt, this.options.groupId, this.options.source, message.headers, message.value, afterCommit],
        );
        await lastValueFrom(this.transformToObservable(await handler(event, ctx)), { defaultValue: undefined });
      }
      return 'processed' as const;
    });
  }

  private get txOptions() {
    return { timeout: this.options.handlerTimeoutMs ?? 30_000, maxWait: 10_000 };
  }

  /**
   * Validates and dispatches one message inside a transaction with its inbox
   * claim. Public so dead-letter replay goes through exactly the same path.
   */
  async processOnce(message: StoredMessage, attempt: number): Promise<ProcessOutcome> {
    const prepared = this.prepare(message);
    if (prepared === 'ignored') return 'ignored';
    const hooks: (() => Promise<void> | void)[] = [];
    const outcome = await this.options.db.$transaction((tx) => this.apply(tx, message, prepared, attempt, hooks), this.txOptions);
    await this.runAfterCommit(hooks);
    return outcome;
  }

  /** Post-commit hooks: a failing one is logged, never undoes or repeats the committed work. */
  private async runAfterCommit(hooks: readonly (() => Promise<void> | void)[]): Promise<void> {
    for (const hook of hooks) {
      try {
        await hook();
      } catch (error) {
        this.options.logger.warn({ err: error }, 'after-commit hook failed');
      }
    }
  }

  private async deadLetter(message: StoredMessage, error: unknown, kind: FailureKind, attempts: number, alive: () => boolean): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const parsed = (() => {
      const decoded = fromWireValue(message.value);
      return decoded.ok ? (decoded.raw as Partial<PlatformEvent>) : undefined;
    })();
    const headers: Record<string, string> = {
      ...message.headers,
      [DEAD_LETTER_HEADERS.originalTopic]: message.topic,
      [DEAD_LETTER_HEADERS.originalPartition]: String(message.partition),
      [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
      [DEAD_LETTER_HEADERS.originalKey]: message.key?.toString('utf8') ?? '',
      [DEAD_LETTER_HEADERS.consumerGroup]: this.options.groupId,
      [DEAD_LETTER_HEADERS.error]: reason.slice(0, 4000),
      [DEAD_LETTER_HEADERS.errorKind]: kind,
      [DEAD_LETTER_HEADERS.attempts]: String(attempts),
      [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
    };
    // Never give up on a dead letter: losing it would lose the event. If the
    // DLQ or the database is down, wait and try again (or abandon on stop,
    // leaving the offset uncommitted so the message comes back).
    for (let attempt = 1; ; attempt++) {
      if (!alive()) throw new AbandonedError();
      try {
        await this.producer!.send({ topic: this.dlqTopic, acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
        await this.options.db.$executeRawUnsafe(
          `INSERT INTO rt_dead_letter (consumer_group, topic, partition, "offset", key, value, headers, event_id, event_type, error_kind, error, attempts, source)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (consumer_group, topic, partition, "offset") DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, status = 'pending'`,
          this.options.groupId,
          message.topic,
          message.partition,
          BigInt(message.offset),
          message.key?.toString('utf8') ?? null,
          message.value?.toString('utf8') ?? null,
          JSON.stringify(message.headers),
          typeof parsed?.id === 'string' ? parsed.id : null,
          typeof parsed?.type === 'string' ? parsed.type : null,
          kind,
          reason.slice(0, 4000),
          attempts,
          // The publisher, for the ops view's filter: the envelope's, else the ce_source header (optional for partners).
          typeof parsed?.source === 'string' ? parsed.source : (message.headers[WIRE_HEADERS.source] ?? null),
        );
        this.options.metrics.deadLettered.inc({ topic: message.topic, group: this.options.groupId, kind });
        this.options.logger.warn({ topic: message.topic, partition: message.partition, offset: message.offset, kind, attempts, error: reason }, 'message dead-lettered');
        await this.options.onDeadLetter?.(message, { kind, reason, attempts }).catch((hookError: unknown) =>
          this.options.logger.error({ err: hookError }, 'dead-letter hook failed; the dead letter is kept'),
        );
        return;
      } catch (dlqError) {
        this.options.logger.error({ err: dlqError }, 'cannot dead-letter yet; retrying');
        await this.pause(backoffMs(attempt, 500, 5_000), alive);
      }
    }
  }

  private async pause(ms: number, alive: () => boolean): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (!alive()) throw new AbandonedError();
      await new Promise((r) => setTimeout(r, Math.min(100, until - Date.now())));
    }
  }

  private async measureLag(): Promise<void> {
    if (!this.consumer || this.closing) return;
    const admin = this.options.kafka.admin();
    try {
      await admin.connect();
      let total = 0;
      for (const topic of this.options.topics) {
        const [high, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId: namespaced(this.options.groupId), topics: [topic] })]);
        const committedByPartition = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
        for (const p of high) {
          const c = committedByPartition.get(p.partition) ?? -1;
          const lag = Math.max(0, Number(p.high) - (c < 0 ? Number(p.low) : c));
          total += lag;
          this.options.metrics.consumerLag.set({ topic, partition: String(p.partition), group: this.options.groupId }, lag);
        }
      }
      this.lag = total;
    } catch (error) {
      this.options.logger.debug({ err: error }, 'lag measurement failed');
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Stops fetching, lets in-flight handlers finish, commits, then closes the producer. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.lagTimer) clearInterval(this.lagTimer);
      await this.consumer?.stop();
      await this.consumer?.disconnect();
      await this.producer?.disconnect();
    })();
    return this.closing;
  }

  on(): never {
    throw new Error('ReliableKafkaServer does not expose client events; use health()');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}

function isBatchHandler(handler: MessageHandler): boolean {
  return (handler.extras as { batch?: unknown } | undefined)?.batch === BATCH_HANDLER.batch;
}

function toStored(topic: string, partition: number, message: KafkaMessage): StoredMessage {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(message.headers ?? {})) {
    const s = headerString(v);
    if (s !== undefined) headers[k] = s;
  }
  return { topic, partition, offset: message.offset, key: message.key, value: message.value, headers };
}
