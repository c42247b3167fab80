/**
 * Transactional outbox and relay against real PostgreSQL and Kafka.
 * Real: Prisma 7 transactions, LISTEN/NOTIFY, advisory locks, the idempotent
 * producer, the broker. Faked: nothing.
 */
import type { Kafka } from 'kafkajs';
import { buildEvent, TOPICS } from '@tjc/contracts';
import { createTopics, deleteTopics, expectEventually, readTopic, uniqueName, type TestDatabase } from '@tjc/testing';
import { activityEvent, infraKafka, migratedDatabase, quietLogger } from '../../test/harness';
import type { PrismaClient } from '../../test/generated/prisma/client';
import { RuntimeMetrics } from '../telemetry/metrics';
import { addToOutbox, publishInTx } from './outbox';
import { OutboxRelay } from './outbox-relay';

jest.setTimeout(120_000);

describe('transactional outbox + relay (real PostgreSQL + Kafka)', () => {
  let kafka: Kafka;
  let db: TestDatabase;
  let prisma: PrismaClient;
  const namespace = uniqueName('outbox').replace(/_/g, '-');
  const topic = `${namespace}.${TOPICS.service.name}`;
  const relays: OutboxRelay[] = [];

  const newRelay = () => {
    const relay = new OutboxRelay({ service: 'outbox-test', databaseUrl: db.url, kafka, logger: quietLogger(), metrics: new RuntimeMetrics('outbox-test'), pollMs: 5_000 });
    relays.push(relay);
    return relay;
  };

  beforeAll(async () => {
    process.env['KAFKA_TOPIC_NAMESPACE'] = namespace;
    kafka = await infraKafka();
    ({ db, prisma } = await migratedDatabase('rt_outbox'));
    await createTopics(kafka, [{ topic, numPartitions: 3 }]);
  });
  afterAll(async () => {
    for (const r of relays) await r.stop();
    await prisma.$disconnect();
    await deleteTopics(kafka, [topic]);
    await db.drop();
    delete process.env['KAFKA_TOPIC_NAMESPACE'];
  });

  it('publishes nothing for a rolled-back transaction, and everything committed, in per-key order', async () => {
    const relay = newRelay();
    await relay.start();
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.testRecord.create({ data: { id: 'rolled-back', title: '回滚' } });
        await publishInTx(tx, 'service.activity.held.v1', activityEvent('act-rollback', 0).data, { source: 'tjc/service-network' });
        throw new Error('business rule failed after the event was staged');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await prisma.$queryRawUnsafe<unknown[]>('SELECT 1 FROM rt_outbox')).toHaveLength(0);

    const subjects = ['act-o-1', 'act-o-2', 'act-o-3'];
    for (let n = 0; n < 30; n++) {
      await prisma.$transaction(async (tx) => {
        await addToOutbox(tx, [activityEvent(subjects[n % 3]!, n)]);
      });
    }
    const messages = await readTopic(kafka, topic, (m) => m.length >= 30, 30_000);
    expect(messages).toHaveLength(30);
    expect(messages.some((m) => m.key?.toString() === 'act-rollback')).toBe(false);
    for (const subject of subjects) {
      const seqs = messages.filter((m) => m.key?.toString() === subject).map((m) => (JSON.parse(m.value!.toString()) as { data: { participants: number } }).data.participants);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(seqs).toHaveLength(10);
    }
    await expectEventually(async () => expect(await prisma.$queryRawUnsafe<unknown[]>('SELECT 1 FROM rt_outbox WHERE published_at IS NULL')).toHaveLength(0));
  });

  it('re-sends (never loses) rows whose "sent" mark was lost in a crash', async () => {
    const before = (await readTopic(kafka, topic, (m) => m.length >= 30, 10_000)).length;
    const event = buildEvent('service.activity.held.v1', activityEvent('act-crash-mark', 1).data, { source: 'tjc/service-network' });
    await prisma.$transaction((tx) => addToOutbox(tx, [event]));
    await expectEventually(async () => expect((await prisma.$queryRawUnsafe<{ p: Date | null }[]>('SELECT published_at AS p FROM rt_outbox WHERE event_id = $1', event.id))[0]!.p).not.toBeNull());
    // The relay published, then "crashed" before its mark was durable: the row is unpublished again.
    await prisma.$executeRawUnsafe(`UPDATE rt_outbox SET published_at = NULL WHERE event_id = $1`, event.id);
    await prisma.$executeRawUnsafe(`SELECT pg_notify('rt_outbox', '')`);
    const after = await readTopic(kafka, topic, (m) => m.length >= before + 2, 30_000);
    const copies = after.filter((m) => m.headers?.['ce_id']?.toString() === event.id);
    expect(copies).toHaveLength(2); // a duplicate, for consumers' inboxes to absorb; nothing lost
  });

  it('lets only one relay per database publish at a time', async () => {
    const standby = newRelay();
    await standby.start();
    await new Promise((r) => setTimeout(r, 500));
    expect(relays[0]!.isLeader).toBe(true);
    expect(standby.isLeader).toBe(false);
    await relays[0]!.stop();
    await expectEventually(() => expect(standby.isLeader).toBe(true), { timeoutMs: 15_000 });
  });
});
