import { Client } from 'pg';
import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { SpanKind } from '@opentelemetry/api';
import type { RuntimeMetrics } from '../telemetry/metrics';
import { contextFromTraceparent, inSpan } from '../telemetry/tracing';
import { OUTBOX_CHANNEL } from './outbox';

export interface OutboxRelayOptions {
  readonly service: string;
  readonly databaseUrl: string;
  readonly kafka: Kafka;
  readonly logger: Logger;
  readonly metrics: RuntimeMetrics;
  /** Fallback poll when no NOTIFY arrives (e.g. rows written while the relay was down). */
  readonly pollMs?: number;
  readonly batchSize?: number;
  /** Published rows are deleted after this long; they are only kept for debugging. */
  readonly retainPublishedMs?: number;
}

interface OutboxRow {
  seq: string;
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
  created_at: Date;
}

/**
 * Publishes outbox rows to Kafka in `seq` order, then marks them sent.
 *
 * - `seq` is drawn when a row is inserted, not when its transaction commits:
 *   a transaction that took seq 5 can commit after one that took seq 8. So a
 *   row is published only once its transaction (`tx_id`) is older than every
 *   transaction still running (the snapshot's xmin): by then no transaction
 *   that could still commit an earlier-numbered row is left, and rows go out
 *   in `seq` order, for each key as for all. A long transaction anywhere on
 *   the PostgreSQL server holds publication back until it ends (xids are
 *   server-wide); `outbox_held_back` shows it.
 * - Woken by LISTEN/NOTIFY at commit time, so latency is one round trip, with
 *   a slow poll as a safety net; while rows wait for an older transaction it
 *   polls every few milliseconds instead.
 * - One active relay per database (a session advisory lock): a second
 *   instance waits as a standby, so per-aggregate order is never broken by
 *   two relays racing.
 * - Idempotent producer, acks=all. A crash between send and mark re-sends the
 *   rows: a duplicate, never a loss; consumers' inboxes absorb it.
 */
export class OutboxRelay {
  private client: Client | undefined;
  private producer?: Producer;
  private stopping = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  private leader = false;
  private notified = false;
  private triedToLead = false;
  /** Since when publishable rows have waited with no publish succeeding (undefined: none waiting, or all went out). */
  private waitingSince: number | undefined;
  private lastPublishedAt: number | undefined;
  private lastError: string | undefined;

  constructor(private readonly options: OutboxRelayOptions) {}

  /** For readiness: whether this relay publishes, and how long committed rows have waited for a publish that succeeds. */
  health(now = Date.now()): { leader: boolean; waitingMs: number; lastPublishedAt: string | null; lastError: string | null } {
    return {
      leader: this.leader,
      waitingMs: this.waitingSince === undefined ? 0 : now - this.waitingSince,
      lastPublishedAt: this.lastPublishedAt === undefined ? null : new Date(this.lastPublishedAt).toISOString(),
      lastError: this.lastError ?? null,
    };
  }

  get isLeader(): boolean {
    return this.leader;
  }

  /** True once this relay has asked for the publisher's lock at least once (won or not). */
  get hasTriedToLead(): boolean {
    return this.triedToLead;
  }

  async start(): Promise<void> {
    this.producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
    await this.connect();
    this.loop = this.run();
  }

  /** A dedicated connection: LISTEN and the session advisory lock live on it. */
  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: `${this.options.service}-outbox-relay` });
    client.on('error', (error) => this.options.logger.warn({ err: error }, 'outbox relay connection error'));
    client.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.client = client;
    this.leader = false;
  }

  /** After a database outage: drop the broken connection (and with it the lock) and reconnect. */
  private async reconnect(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    this.leader = false;
    await old?.end().catch(() => undefined);
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.leader = false;
    await this.producer?.disconnect();
    await this.client?.end().catch(() => undefined);
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollMs ?? 1000;
    let lastCleanup = 0;
    let heldWaits = 0;
    while (!this.stopping) {
      try {
        if (!this.client) await this.connect();
        if (!this.leader) {
          const { rows } = await this.client!.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext('rt_outbox_relay')) AS ok`);
          this.leader = rows[0]?.ok === true;
          this.triedToLead = true;
          if (!this.leader) {
            await this.sleep(pollMs);
            continue;
          }
          this.options.logger.info('outbox relay is the active publisher for this database');
        }
        this.notified = false;
        const { published, heldBack } = await this.publishBatch();
        if (Date.now() - lastCleanup > 60_000) {
          lastCleanup = Date.now();
          await this.cleanup();
        }
        if (published === 0 && !this.notified) {
          // Committed rows waiting for an older transaction: it ends with no NOTIFY of its own, so look again soon.
          heldWaits = heldBack ? heldWaits + 1 : 0;
          await this.sleep(heldBack ? Math.min(pollMs, 5 * 2 ** Math.min(heldWaits, 8)) : pollMs);
        } else heldWaits = 0;
      } catch (error) {
        this.lastError = (error as Error).message;
        this.options.logger.error({ err: error }, 'outbox relay failed; retrying');
        await this.sleep(Math.min(pollMs, 1000));
        if (!this.stopping) await this.reconnect().catch((e: unknown) => this.options.logger.warn({ err: e }, 'outbox relay cannot reconnect yet'));
      }
    }
  }

  /**
   * Publishes up to one batch of the rows no running transaction can still
   * overtake; returns how many were published, and whether committed rows are
   * waiting for an older transaction to end.
   */
  async publishBatch(): Promise<{ published: number; heldBack: boolean }> {
    // One statement, one snapshot: the rows it sees and the xmin it compares with are of the same moment.
    const { rows } = await this.client!.query<OutboxRow>(
      `WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
       SELECT o.seq::text, o.topic, o.key, o.value, o.headers, o.created_at
         FROM rt_outbox o, horizon h WHERE o.published_at IS NULL AND o.tx_id < h.xmin ORDER BY o.seq LIMIT $1`,
      [this.options.batchSize ?? 500],
    );
    let heldBack = false;
    if (rows.length === 0) {
      const held = await this.client!.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM rt_outbox WHERE published_at IS NULL AND tx_id >= pg_snapshot_xmin(pg_current_snapshot())`,
      );
      const n = Number(held.rows[0]?.n ?? 0);
      this.options.metrics.outboxHeldBack.set({ service: this.options.service }, n);
      heldBack = n > 0;
    } else {
      this.options.metrics.outboxHeldBack.set({ service: this.options.service }, 0);
    }
    this.options.metrics.outboxBacklog.set({ service: this.options.service }, rows.length);
    if (rows.length === 0) {
      this.waitingSince = undefined;
      return { published: 0, heldBack };
    }
    this.waitingSince ??= Date.now();

    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
    const first = rows[0]!;
    await inSpan(
      'outbox publish',
      SpanKind.PRODUCER,
      contextFromTraceparent(first.headers['traceparent'], first.headers['tracestate']),
      { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.batch.message_count': rows.length },
      async () => {
        await this.producer!.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, list]) => ({
            topic,
            messages: list.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
          })),
        });
      },
    );
    const seqs = rows.map((r) => r.seq);
    await this.client!.query(`UPDATE rt_outbox SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY($1::bigint[])`, [seqs]);
    const now = Date.now();
    this.waitingSince = undefined;
    this.lastPublishedAt = now;
    this.lastError = undefined;
    for (const row of rows) this.options.metrics.outboxRelaySeconds.observe({ service: this.options.service }, (now - row.created_at.getTime()) / 1000);
    return { published: rows.length, heldBack };
  }

  private async cleanup(): Promise<void> {
    const retainMs = this.options.retainPublishedMs ?? 7 * 24 * 3600_000;
    await this.client!.query(`DELETE FROM rt_outbox WHERE published_at < now() - ($1::bigint * interval '1 millisecond')`, [retainMs]);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
