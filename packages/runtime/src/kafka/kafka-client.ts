import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';
import type { TopicSpec } from '@tjc/contracts';
import { namespaced } from './namespace';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * kafkajs warnings printed at every producer's creation that say nothing
 * about this platform:
 *  - the v2 default-partitioner notice: every producer here was written for
 *    v2's partitioner (murmur2, as the Java client), nothing migrates;
 *  - "Limiting retries for the idempotent producer": our producers retry a
 *    bounded number of times on purpose, so a failing send surfaces (the
 *    outbox relay then reconnects and re-sends; consumers' inboxes absorb a
 *    duplicate) instead of blocking shutdown for ever.
 */
const SILENCED = ['KafkaJS v2.0.0 switched default partitioner', 'Limiting retries for the idempotent producer'];

/** A kafkajs client whose logs go to the service's pino logger. */
export function createKafka(options: { clientId: string; brokers: readonly string[]; logger: Logger; extra?: Partial<KafkaConfig> }): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 10, maxRetryTime: 5_000 },
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...rest } = log;
        if (SILENCED.some((s) => message.startsWith(s))) return;
        options.logger[LEVELS[level] ?? 'info']({ kafka: rest }, message);
      },
    ...options.extra,
  });
}

/**
 * Creates the topics that do not exist yet, with their partitions and
 * retention. Auto-creation is off on our brokers, so this is the only way a
 * topic comes to exist; it never alters an existing topic.
 *
 * Services start together against a new broker and create the same topics at
 * once: one wins, the others see "already exists" or, for a moment,
 * "unknown topic" while the leaders are elected. So each round lists, creates
 * what is missing, then waits until every partition has a leader, and the
 * whole round is retried with backoff instead of failing the start-up.
 */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[], replicationFactor = 1, attempts = 8): Promise<string[]> {
  const wanted = specs.map((s) => ({ ...s, name: namespaced(s.name) }));
  const admin = kafka.admin();
  await admin.connect();
  let created: string[] = [];
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = wanted.filter((s) => !existing.has(s.name));
        if (missing.length > 0) {
          const made = await admin.createTopics({
            waitForLeaders: false,
            topics: missing.map((s) => ({
              topic: s.name,
              numPartitions: s.partitions,
              replicationFactor,
              configEntries: [{ name: 'retention.ms', value: String(s.retentionMs) }],
            })),
          });
          if (made) created = [...new Set([...created, ...missing.map((s) => s.name)])];
        }
        const { topics } = await admin.fetchTopicMetadata({ topics: wanted.map((s) => s.name) });
        const leaderless = topics.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0));
        if (leaderless.length === 0) return created;
        throw new Error(`no leader yet for ${leaderless.map((t) => t.name).join(', ')}`);
      } catch (error) {
        if (attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 4_000)));
      }
    }
  } finally {
    await admin.disconnect();
  }
}
