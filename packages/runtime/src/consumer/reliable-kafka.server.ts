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
import { SpanKind } from '@opentelemetry/api';
import type { SqlExecutor, TransactionalDb } from '../db/sql';
import { claimInbox, type MessageCoordinates } from '../inbox/inbox';
import { namespaced } from '../kafka/namespace';
import type { RuntimeMetrics } from '../telemetry/metrics';
import { contextFromTraceparent, inSpan } from '../telemetry/tracing';
import { backoffMs, Limiter } from './concurrency';
import { AbandonedError, classifyFailure, type FailureKind } from './errors';
import { ReliableEventContext } from './event-context';
import { ANY_EVENT } from './on-event.decorator';
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
  /** Most consecutive same-key messages applied in one transaction (1 disables chunking). */
  readonly chunkSize?: number;
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
 *  - eachBatch; per key in order, keys and partitions in parallel;
 *  - every message validated against the contracts before a handler sees it;
 *  - handler effects + inbox record in ONE database transaction, so a
 *    duplicate or redelivery applies once;
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
    await runPartitionBatch(batch.messages, {
      process: (message) => this.processWithRetries(batch.topic, batch.partition, message, alive),
      processChunk: (messages) => this.processChunk(batch.topic, batch.partition, messages),
      chunkSize: this.options.chunkSize ?? 16,
      resolve: (offset) => {
        payload.resolveOffset(offset);
        this.lastProgressAt = Date.now();
      },
      alive,
      resolvable,
      heartbeat: () => payload.heartbeat(),
    });
    if (resolvable()) await payload.commitOffsetsIfNecessary();
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

  /** Inbox claim + handler inside the caller's transaction, in a consumer span. */
  private apply(tx: SqlExecutor, message: StoredMessage, prepared: { event: PlatformEvent; handler: MessageHandler }, attempt: number): Promise<'processed' | 'duplicate'> {
    const { event, handler } = prepared;
    const at: MessageCoordinates = { topic: message.topic, partition: message.partition, offset: message.offset };
    const parent = contextFromTraceparent(message.headers[WIRE_HEADERS.traceparent] ?? event.traceparent, message.headers[WIRE_HEADERS.tracestate]);
    return inSpan(
      `${message.topic} process`,
      SpanKind.CONSUMER,
      parent,
      {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': message.topic,
        'messaging.destination.partition.id': String(message.partition),
        'messaging.kafka.offset': Number(message.offset),
        'messaging.consumer.group.name': this.options.groupId,
        'messaging.message.id': event.id,
        'cloudevents.event_type': event.type,
        'cloudevents.event_source': event.source,
      },
      async () => {
        if (!(await claimInbox(tx, this.options.groupId, event, at))) return 'duplicate' as const;
        const ctx = new ReliableEventContext<SqlExecutor>([event, tx, at, attempt, this.options.groupId, this.options.source, message.headers, message.value]);
        const result = await handler(event, ctx);
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
        return 'processed' as const;
      },
    );
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
    return this.options.db.$transaction((tx) => this.apply(tx, message, prepared, attempt), this.txOptions);
  }

  /**
   * Consecutive messages of one key in ONE transaction: amortises the
   * transaction and round trips when a key has a backlog (catch-up, replay).
   * Any failure rolls the whole chunk back and returns false, and the caller
   * processes the messages one by one with retries and dead-lettering, so a
   * bad message never takes good ones down with it.
   */
  private async processChunk(topic: string, partition: number, messages: readonly KafkaMessage[]): Promise<boolean> {
    const stored = messages.map((m) => toStored(topic, partition, m));
    let prepared: ReturnType<ReliableKafkaServer['prepare']>[];
    try {
      prepared = stored.map((m) => this.prepare(m));
    } catch {
      return false;
    }
    const started = process.hrtime.bigint();
    try {
      const outcomes = await this.limiter.run(() =>
        this.options.db.$transaction(async (tx) => {
          const results: ProcessOutcome[] = [];
          for (let i = 0; i < stored.length; i++) {
            const p = prepared[i]!;
            results.push(p === 'ignored' ? 'ignored' : await this.apply(tx, stored[i]!, p, 1));
          }
          return results;
        }, this.txOptions),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9 / stored.length;
      outcomes.forEach((outcome, i) => {
        const type = stored[i]!.headers[WIRE_HEADERS.type] ?? 'unknown';
        this.options.metrics.consumed.inc({ topic, type, group: this.options.groupId, outcome });
        this.options.metrics.handlerSeconds.observe({ topic, type, group: this.options.groupId }, seconds);
      });
      return true;
    } catch (error) {
      this.options.logger.debug({ err: error, topic, partition, size: stored.length }, 'chunk failed; processing its messages one by one');
      return false;
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
          `INSERT INTO rt_dead_letter (consumer_group, topic, partition, "offset", key, value, headers, event_id, event_type, error_kind, error, attempts)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12)
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

function toStored(topic: string, partition: number, message: KafkaMessage): StoredMessage {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(message.headers ?? {})) {
    const s = headerString(v);
    if (s !== undefined) headers[k] = s;
  }
  return { topic, partition, offset: message.offset, key: message.key, value: message.value, headers };
}
