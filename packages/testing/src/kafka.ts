import { Kafka, logLevel, type ITopicConfig, type KafkaMessage } from 'kafkajs';

export function testKafka(brokers: string[], clientId = 'tjc-test'): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100 } });
}

export async function createTopics(kafka: Kafka, topics: ITopicConfig[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((t) => ({ replicationFactor: 1, ...t })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

export async function deleteTopics(kafka: Kafka, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics }).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads a topic from the beginning until `until(messages)` holds or the time
 * runs out; returns what it read. For asserting what a service published.
 */
export async function readTopic(kafka: Kafka, topic: string, until: (messages: KafkaMessage[]) => boolean, timeoutMs = 30_000): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `reader-${topic}-${Date.now()}-${Math.random().toString(36).slice(2)}` });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  await consumer.run({
    eachMessage: async ({ message }) => {
      messages.push(message);
      if (until(messages)) done();
    },
  });
  const timer = setTimeout(done, timeoutMs);
  await finished;
  clearTimeout(timer);
  await consumer.disconnect();
  return messages;
}
