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
        options.logger[LEVELS[level] ?? 'info']({ kafka: rest }, message);
      },
    ...options.extra,
  });
}

/**
 * Creates the topics that do not exist yet, with their partitions and
 * retention. Auto-creation is off on our brokers, so this is the only way a
 * topic comes to exist; it never alters an existing topic.
 */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[], replicationFactor = 1): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.map((s) => ({ ...s, name: namespaced(s.name) })).filter((s) => !existing.has(s.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: s.name,
          numPartitions: s.partitions,
          replicationFactor,
          configEntries: [{ name: 'retention.ms', value: String(s.retentionMs) }],
        })),
      });
    }
    return missing.map((s) => s.name);
  } finally {
    await admin.disconnect();
  }
}
