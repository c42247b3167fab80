/**
 * A consumer process SIGKILLed in the middle of a batch and restarted: no
 * event lost, none applied twice. Real: separate service process (the
 * runtime's fixture service), Kafka, PostgreSQL. Faked: nothing.
 */
import type { Kafka, Producer } from 'kafkajs';
import { TOPICS } from '@tjc/contracts';
import { createTopics, deleteTopics, expectEventually, testInfra, uniqueName, type TestDatabase } from '@tjc/testing';
import { activityEvent, infraKafka, migratedDatabase, wire } from '../../test/harness';
import { spawnFixture } from '../../test/fixture-process';
import type { PrismaClient } from '../../test/generated/prisma/client';

jest.setTimeout(240_000);

describe('consumer crash recovery (SIGKILL mid-batch)', () => {
  let kafka: Kafka;
  let producer: Producer;
  let db: TestDatabase;
  let prisma: PrismaClient;
  const namespace = uniqueName('crash').replace(/_/g, '-');
  const topic = `${namespace}.${TOPICS.service.name}`;

  beforeAll(async () => {
    kafka = await infraKafka();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    ({ db, prisma } = await migratedDatabase('rt_crash'));
    await createTopics(kafka, [{ topic, numPartitions: 3 }]);
  });
  afterAll(async () => {
    await producer.disconnect();
    await prisma.$disconnect();
    await deleteTopics(kafka, [topic]);
    await db.drop();
  });

  it('loses nothing and applies nothing twice across a SIGKILL and restart', async () => {
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: (await testInfra()).kafkaBrokers.join(','),
      KAFKA_TOPIC_NAMESPACE: namespace,
      CONSUMER_GROUP: `${namespace}-group`,
      // A little work per event widens the window in which the kill lands mid-batch.
      HANDLER_DELAY_MS: '3',
      OTEL_SDK_DISABLED: 'true',
    };
    const events = Array.from({ length: 1000 }, (_, i) => activityEvent(`act-crash-${i % 40}`, Math.floor(i / 40)));
    for (let i = 0; i < events.length; i += 250) await producer.send({ topic, acks: -1, messages: events.slice(i, i + 250).map((e) => wire(e, topic)) });

    const first = await spawnFixture(env);
    await expectEventually(async () => expect(await prisma.testEffect.count()).toBeGreaterThan(150), { timeoutMs: 60_000, intervalMs: 50 });
    const exitCode = await first.kill('SIGKILL');
    const atKill = await prisma.testEffect.count();
    expect(exitCode).toBeNull(); // killed by the signal, not exited
    expect(atKill).toBeLessThan(1000); // really mid-stream

    const second = await spawnFixture(env);
    try {
      await expectEventually(async () => expect(await prisma.testEffect.count()).toBe(1000), { timeoutMs: 120_000, intervalMs: 250 });
    } finally {
      await second.kill('SIGTERM');
    }
    const twice = await prisma.$queryRawUnsafe<unknown[]>(`SELECT event_id FROM test_effect GROUP BY event_id HAVING count(*) > 1`);
    expect(twice).toEqual([]);
    const distinct = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(DISTINCT event_id) AS n FROM test_effect`);
    expect(Number(distinct[0]!.n)).toBe(1000);
  });
});
