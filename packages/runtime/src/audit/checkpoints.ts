/**
 * Anchors of the audit chain outside the service's database (ADR 0012).
 *
 * The hash chain proves that no record was edited, inserted or deleted
 * *relative to the others* — but whoever holds the database can delete the
 * newest records, or edit one and re-hash everything after it, and the chain
 * still verifies. So every few seconds, when the chain has grown, the
 * service signs its head — (service, count, last seq, last hash, time) — with
 * a key the database does not hold (AUDIT_CHECKPOINT_KEY, HMAC-SHA256) and
 * publishes it to a compacted Kafka topic (the latest checkpoint per service
 * is kept there for ever). /admin/audit/verify reads the latest checkpoint and
 * checks the chain against it: the record at its seq must still carry its
 * hash, and as many records up to it must exist.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { SqlExecutor } from '../db/sql';
import { namespaced } from '../kafka/namespace';
import type { AuditChainReport } from './audit-log';

/** One topic for every service's checkpoints, compacted by service (the message key). Renaming it loses the anchors. */
export const AUDIT_CHECKPOINT_TOPIC = 'tjc.audit.checkpoints.v1';

export interface AuditCheckpoint {
  readonly service: string;
  /** Records in the chain up to and including `seq`. */
  readonly count: number;
  readonly seq: string;
  readonly hash: string;
  readonly at: string;
  /** HMAC-SHA256 over the fields above, base64url. */
  readonly signature: string;
}

function signatureOf(key: string, c: Omit<AuditCheckpoint, 'signature'>): string {
  return createHmac('sha256', key).update(`${c.service}\n${c.count}\n${c.seq}\n${c.hash}\n${c.at}`).digest('base64url');
}

export function signCheckpoint(key: string, c: Omit<AuditCheckpoint, 'signature'>): AuditCheckpoint {
  return { ...c, signature: signatureOf(key, c) };
}

export function checkpointSignatureValid(key: string, c: AuditCheckpoint): boolean {
  const want = Buffer.from(signatureOf(key, c));
  const got = Buffer.from(c.signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The chain's head now: its last record and how many there are. */
export async function chainHead(db: SqlExecutor): Promise<{ count: number; seq: string; hash: string } | undefined> {
  const rows = await db.$queryRawUnsafe<{ seq: string; hash: string; count: string }[]>(
    // ORDER BY the column, not the text output column named `seq`: as text, '9' sorts after '13'.
    `SELECT seq::text AS seq, hash, (SELECT count(*) FROM rt_audit)::text AS count FROM rt_audit ORDER BY rt_audit.seq DESC LIMIT 1`,
  );
  const r = rows[0];
  return r ? { count: Number(r.count), seq: r.seq, hash: r.hash } : undefined;
}

/** What verification found against the latest checkpoint. */
export interface AnchoredReport extends AuditChainReport {
  readonly checkpoint:
    | { readonly anchored: false; readonly why: string }
    | {
        readonly anchored: true;
        readonly seq: string;
        readonly count: number;
        readonly at: string;
        readonly signatureValid: boolean;
        /** The checkpointed record is gone, or fewer records than checkpointed exist up to it: the newest were deleted. */
        readonly truncated: boolean;
        /** The checkpointed record's hash changed: records up to it were edited and the chain re-hashed. */
        readonly rewritten: boolean;
      };
}

/** Compares the database's chain with a checkpoint. */
export async function checkAgainst(db: SqlExecutor, chain: AuditChainReport, checkpoint: AuditCheckpoint, key: string): Promise<AnchoredReport> {
  const rows = await db.$queryRawUnsafe<{ hash: string | null; count: string }[]>(
    `SELECT (SELECT hash FROM rt_audit WHERE seq = $1::bigint) AS hash, (SELECT count(*) FROM rt_audit WHERE seq <= $1::bigint)::text AS count`,
    checkpoint.seq,
  );
  const hash = rows[0]?.hash ?? null;
  const count = Number(rows[0]?.count ?? 0);
  const signatureValid = checkpointSignatureValid(key, checkpoint);
  const truncated = hash === null || count < checkpoint.count;
  const rewritten = hash !== null && hash !== checkpoint.hash;
  return {
    ...chain,
    intact: chain.intact && signatureValid && !truncated && !rewritten && count === checkpoint.count,
    checkpoint: { anchored: true, seq: checkpoint.seq, count: checkpoint.count, at: checkpoint.at, signatureValid, truncated, rewritten },
  };
}

/** The latest checkpoint of a service on the topic (reads the compacted topic to its end). */
export async function latestCheckpoint(kafka: Kafka, service: string, timeoutMs = 10_000): Promise<AuditCheckpoint | undefined> {
  const topic = namespaced(AUDIT_CHECKPOINT_TOPIC);
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, string>;
  try {
    if (!(await admin.listTopics()).includes(topic)) return undefined;
    ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
  } finally {
    await admin.disconnect();
  }
  if ([...ends.values()].every((h) => h === '0')) return undefined;
  const groupId = `tjc-audit-verify-${service}-${Date.now().toString(36)}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  let latest: AuditCheckpoint | undefined;
  const reached = new Set<number>();
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the checkpoint topic ${topic} was not read to its end in ${timeoutMs} ms`)), timeoutMs);
      for (const [p, h] of ends) if (h === '0') reached.add(p);
      void consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            if (message.key?.toString() === service && message.value) {
              const c = JSON.parse(message.value.toString()) as AuditCheckpoint;
              if (!latest || BigInt(c.seq) >= BigInt(latest.seq)) latest = c;
            }
            if (BigInt(message.offset) + 1n >= BigInt(ends.get(partition) ?? '0')) reached.add(partition);
            if (reached.size === ends.size) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const admin2 = kafka.admin();
    await admin2.connect().then(() => admin2.deleteGroups([groupId]).catch(() => undefined)).finally(() => admin2.disconnect());
  }
  return latest;
}

/**
 * Publishes a signed checkpoint of the chain's head whenever it moved, every
 * `everyMs`. Replicas of a service may all publish: the same head gives the
 * same checkpoint, and the topic keeps the newest per service.
 */
export class AuditCheckpointer {
  private producer?: Producer;
  private timer?: NodeJS.Timeout;
  private last: AuditCheckpoint | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly options: { readonly service: string; readonly db: SqlExecutor; readonly kafka: Kafka; readonly key: string; readonly everyMs: number; readonly logger: Logger },
  ) {}

  async start(): Promise<void> {
    const topic = namespaced(AUDIT_CHECKPOINT_TOPIC);
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      if (!(await admin.listTopics()).includes(topic)) {
        await admin
          .createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }] })
          .catch((error: unknown) => this.options.logger.debug({ err: error }, 'checkpoint topic exists already'));
      }
    } finally {
      await admin.disconnect();
    }
    this.producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
    // A restarted service continues from the anchor it published before (a signature it did not make is ignored).
    const previous = await latestCheckpoint(this.options.kafka, this.options.service).catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'could not read the last audit checkpoint; the next one starts a new anchor');
      return undefined;
    });
    if (previous && checkpointSignatureValid(this.options.key, previous)) this.last = previous;
    this.timer = setInterval(() => {
      this.running ??= this.publish()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'audit checkpoint not published; next round'))
        .finally(() => (this.running = undefined));
    }, this.options.everyMs);
    this.timer.unref();
  }

  /**
   * Publishes a checkpoint now if the head moved; returns it. Only a chain
   * that extends the previous checkpoint is signed: if the record it anchored
   * is gone or changed, the checkpointer would otherwise bless the tampered
   * chain — it refuses, logs an error, and keeps the old anchor for verify.
   */
  async publish(): Promise<AuditCheckpoint | undefined> {
    const head = await chainHead(this.options.db);
    if (!head || head.hash === this.last?.hash) return undefined;
    if (this.last) {
      const rows = await this.options.db.$queryRawUnsafe<{ hash: string | null; count: string }[]>(
        `SELECT (SELECT hash FROM rt_audit WHERE seq = $1::bigint) AS hash, (SELECT count(*) FROM rt_audit WHERE seq <= $1::bigint)::text AS count`,
        this.last.seq,
      );
      if (rows[0]?.hash !== this.last.hash || Number(rows[0]?.count) !== this.last.count) {
        this.options.logger.error({ checkpoint: { seq: this.last.seq, count: this.last.count } }, 'the audit chain no longer extends its last checkpoint: records were deleted or rewritten; no new checkpoint is signed');
        return undefined;
      }
    }
    const checkpoint = signCheckpoint(this.options.key, { service: this.options.service, count: head.count, seq: head.seq, hash: head.hash, at: new Date().toISOString() });
    await this.producer!.send({ topic: namespaced(AUDIT_CHECKPOINT_TOPIC), acks: -1, messages: [{ key: this.options.service, value: JSON.stringify(checkpoint) }] });
    this.last = checkpoint;
    return checkpoint;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.publish().catch(() => undefined);
    await this.producer?.disconnect();
  }
}
