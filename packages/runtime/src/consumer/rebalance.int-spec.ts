/**
 * Consumers joining and leaving the group while events flow (rebalances):
 * in-flight work finishes or is abandoned without committing, and every
 * event still has its effect exactly once.
 * Real: Kafka group coordination, PostgreSQL, two consumer instances.
 */
import type { Kafka, Producer } from 'kafkajs';
import { createTopics, deleteTopics, expectEventually, uniqueGroup, uniqueTopic, type TestDatabase } from '@tjc/testing';
import { activityEvent, infraKafka, migratedDatabase, startConsumer, wire } from '../../test/harness';
import type { PrismaClient } from '../../test/generated/prisma/client';

jest.setTimeout(240_000);

describe('rebalances while consuming', () => {
  let kafka: Kafka;
  let producer: Producer;
  let db: TestDatabase;
  let prisma: PrismaClient;
  const topic = uniqueTopic('rebalance');
  const groupId = uniqueGroup('rebalance');

  beforeAll(async () => {
    kafka = await infraKafka();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    ({ db, prisma } = await migratedDatabase('rt_rebalance'));
    await createTopics(kafka, [{ topic, numPartitions: 3 }]);
  });
  afterAll(async () => {
    await producer.disconnect();
    await prisma.$disconnect();
    await deleteTopics(kafka, [topic]);
    await db.drop();
  });

  it('applies 1,500 events exactly once while a second consumer joins and leaves three times', async () => {
    const events = Array.from({ length: 1500 }, (_, i) => activityEvent(`act-rb-${i % 30}`, Math.floor(i / 30)));
    const first = await startConsumer({ prisma, kafka, topic, groupId, script: { delayMs: 2 } });
    try {
      // Produce while the membership changes, so rebalances land mid-batch.
      const producing = (async () => {
        for (let i = 0; i < events.length; i += 100) {
          await producer.send({ topic, acks: -1, messages: events.slice(i, i + 100).map((e) => wire(e, topic)) });
          await new Promise((r) => setTimeout(r, 150));
        }
      })();
      for (let round = 0; round < 3; round++) {
        const second = await startConsumer({ prisma, kafka, topic, groupId, script: { delayMs: 2 } });
        await new Promise((r) => setTimeout(r, 1500));
        await second.close();
      }
      await producing;
      await expectEventually(async () => expect(await prisma.testEffect.count()).toBe(1500), { timeoutMs: 180_000, intervalMs: 500 });
    } finally {
      await first.close();
    }
    expect(await prisma.$queryRawUnsafe<unknown[]>(`SELECT event_id FROM test_effect GROUP BY event_id HAVING count(*) > 1`)).toEqual([]);
    // Per key, the order of application follows the order of production.
    const rows = await prisma.testEffect.findMany({ orderBy: { id: 'asc' }, select: { subject: true, seq: true } });
    const last = new Map<string, number>();
    for (const r of rows) {
      expect(r.seq).toBeGreaterThan(last.get(r.subject) ?? -1);
      last.set(r.subject, r.seq);
    }
  });
});
