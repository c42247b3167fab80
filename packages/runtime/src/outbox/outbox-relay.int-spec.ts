/**
 * Transactional outbox and relay against real PostgreSQL and Kafka.
 * Real: Prisma 7 transactions, LISTEN/NOTIFY, advisory locks, the idempotent
 * producer, the broker. Faked: nothing.
 */
import type { Kafka, KafkaMessage } from 'kafkajs';
import { Client } from 'pg';
import { buildEvent, TOPICS } from '@tjc/contracts';
import { createTopics, deleteTopics, expectEventually, readTopic, uniqueName, type TestDatabase } from '@tjc/testing';
import { activityEvent, infraKafka, migratedDatabase, quietLogger } from '../../test/harness';
import type { SqlExecutor } from '../db/sql';
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

  const metrics = new RuntimeMetrics('outbox-test');
  const newRelay = () => {
    const relay = new OutboxRelay({ service: 'outbox-test', databaseUrl: db.url, kafka, logger: quietLogger(), metrics, pollMs: 5_000 });
    relays.push(relay);
    return relay;
  };
  const participants = (m: KafkaMessage) => (JSON.parse(m.value!.toString()) as { data: { participants: number } }).data.participants;
  /** The messages of one key as its consumers apply them: the first copy of each event (at-least-once: a re-send is a later duplicate their inbox skips). */
  const firstCopies = (messages: KafkaMessage[], key: string) => {
    const seen = new Set<string>();
    return messages.filter((m) => m.key?.toString() === key && !seen.has(m.headers!['ce_id']!.toString()) && seen.add(m.headers!['ce_id']!.toString()));
  };

  beforeAll(async () => {
    process.env['KAFKA_TOPIC_NAMESPACE'] = namespace;
    kafka = await infraKafka();
    ({ db, prisma } = await migratedDatabase('rt_outbox'));
    await createTopics(kafka, [{ topic, numPartitions: 3 }]);
    // The publisher of every test below (the last one also starts a standby beside it).
    await newRelay().start();
  });
  afterAll(async () => {
    for (const r of relays) await r.stop();
    await prisma.$disconnect();
    await deleteTopics(kafka, [topic]);
    await db.drop();
    delete process.env['KAFKA_TOPIC_NAMESPACE'];
  });

  it('publishes nothing for a rolled-back transaction, and everything committed, in per-key order', async () => {
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
      const seqs = firstCopies(messages, subject).map(participants);
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

  it('publishes in seq order when the earlier-numbered transaction commits after a later-numbered one (same key)', async () => {
    // Two sessions driven step by step, so the interleaving is the same every run:
    //   A: BEGIN, stage event 1 (takes the lower seq)   B: BEGIN, stage event 2 (higher seq), COMMIT
    //   the relay runs and sees B's row committed while A is still open
    //   A: COMMIT
    // Event 1 must go out before event 2: a relay that publishes whatever is committed sends 2 first.
    const key = `act-order-${Date.now().toString(36)}`;
    const [a, b] = [new Client({ connectionString: db.url }), new Client({ connectionString: db.url })];
    await Promise.all([a.connect(), b.connect()]);
    const sql = (c: Client): SqlExecutor => ({
      $executeRawUnsafe: async (q, ...v) => (await c.query(q, v)).rowCount ?? 0,
      $queryRawUnsafe: async <T>(q: string, ...v: unknown[]) => (await c.query(q, v)).rows as T,
    });
    const [first, second] = [activityEvent(key, 1), activityEvent(key, 2)];
    const seqOf = async (id: string) => (await prisma.$queryRawUnsafe<{ seq: bigint }[]>('SELECT seq FROM rt_outbox WHERE event_id = $1', id))[0]?.seq;
    const heldBack = async () => (await metrics.registry.getSingleMetric('tjc_outbox_held_back')?.get())?.values[0]?.value ?? 0;
    try {
      await a.query('BEGIN');
      await addToOutbox(sql(a), [first]);
      await b.query('BEGIN');
      await addToOutbox(sql(b), [second]);
      await b.query('COMMIT');
      expect(await seqOf(first.id)).toBeUndefined(); // A's row is not committed yet
      // The relay has acted on B's commit: it published B's row, or saw it and held it back.
      await expectEventually(async () => {
        const published = (await prisma.$queryRawUnsafe<{ p: Date | null }[]>('SELECT published_at AS p FROM rt_outbox WHERE event_id = $1', second.id))[0]?.p;
        expect(published !== null || (await heldBack()) >= 1).toBe(true);
      });
      await a.query('COMMIT');
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    expect((await seqOf(first.id))!).toBeLessThan((await seqOf(second.id))!);
    const messages = await readTopic(kafka, topic, (m) => firstCopies(m, key).length >= 2, 30_000);
    expect(firstCopies(messages, key).map(participants)).toEqual([1, 2]);
  });

  it('lets only one relay per database publish at a time', async () => {
    const standby = newRelay();
    await standby.start();
    // The standby has tried for the lock (and failed) once it has run its first loop; the leader keeps it.
    await expectEventually(() => expect(standby.hasTriedToLead).toBe(true));
    expect(relays[0]!.isLeader).toBe(true);
    expect(standby.isLeader).toBe(false);
    await relays[0]!.stop();
    await expectEventually(() => expect(standby.isLeader).toBe(true), { timeoutMs: 15_000 });
  });

  // Last: its row holds every later row back until its topic exists.
  it('reports how long committed rows have waited while the broker refuses them (readiness), and nothing once they go out', async () => {
    const missing = `${namespace}.not-yet-created`;
    const event = buildEvent('service.activity.held.v1', activityEvent('act-refused', 1).data, { source: 'tjc/service-network' });
    // The publisher now: the previous test stopped the first relay and its standby took over.
    const relay = await expectEventually(() => {
      const leader = relays.find((r) => r.isLeader);
      expect(leader).toBeDefined();
      return leader!;
    });
    expect(relay.health()).toMatchObject({ leader: true, waitingMs: 0 });
    // Aimed at the missing topic in the same transaction: committed first and re-aimed after, the
    // relay could publish it to the real topic in between (it did, once, in CI).
    await prisma.$transaction(async (tx) => {
      await addToOutbox(tx, [event]);
      await tx.$executeRawUnsafe(`UPDATE rt_outbox SET topic = $1 WHERE event_id = $2`, missing, event.id);
    });
    await prisma.$executeRawUnsafe(`SELECT pg_notify('rt_outbox', '')`);
    await expectEventually(async () => {
      const h = relay.health();
      expect(h.waitingMs).toBeGreaterThan(2_000);
      expect(h.lastError).not.toBeNull();
    }, { timeoutMs: 90_000 });
    // The topic appears (an operator creates it): the row goes out and the wait is over.
    await createTopics(kafka, [{ topic: missing, numPartitions: 1 }]);
    await readTopic(kafka, missing, (m) => m.some((x) => x.headers?.['ce_id']?.toString() === event.id), 90_000);
    await expectEventually(async () => expect(relay.health()).toMatchObject({ waitingMs: 0, lastError: null }));
    await deleteTopics(kafka, [missing]);
  });
});
