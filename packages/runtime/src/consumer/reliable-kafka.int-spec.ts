/**
 * ReliableKafkaServer against the real broker and database.
 * Real: Kafka, PostgreSQL, Prisma 7 + adapter-pg, NestJS microservice, contracts.
 * Faked: nothing; the handler's failures are scripted per subject.
 */
import type { Kafka, Producer } from 'kafkajs';
import { DEAD_LETTER_HEADERS, deadLetterTopic } from '@tjc/contracts';
import { createTopics, deleteTopics, expectEventually, readTopic, uniqueGroup, uniqueTopic, type TestDatabase } from '@tjc/testing';
import { activityEvent, infraKafka, migratedDatabase, startConsumer, wire } from '../../test/harness';
import type { PrismaClient } from '../../test/generated/prisma/client';

jest.setTimeout(180_000);

describe('ReliableKafkaServer (real Kafka + PostgreSQL)', () => {
  let kafka: Kafka;
  let producer: Producer;
  let db: TestDatabase;
  let prisma: PrismaClient;
  const topics: string[] = [];

  beforeAll(async () => {
    kafka = await infraKafka();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    ({ db, prisma } = await migratedDatabase('rt_consumer'));
  });
  afterAll(async () => {
    await producer.disconnect();
    await prisma.$disconnect();
    await deleteTopics(kafka, topics);
    await db.drop();
  });

  async function freshTopic(name: string, partitions = 3) {
    const topic = uniqueTopic(name);
    const groupId = uniqueGroup(name);
    topics.push(topic, deadLetterTopic(groupId).name);
    await createTopics(kafka, [{ topic, numPartitions: partitions }, { topic: deadLetterTopic(groupId).name, numPartitions: 1 }]);
    return { topic, groupId };
  }

  it('applies each of 1,000 events exactly once when each is delivered 1–3 times, in per-key order', async () => {
    const { topic, groupId } = await freshTopic('once');
    await prisma.testEffect.deleteMany();
    const subjects = Array.from({ length: 25 }, (_, i) => `act-once-${i}`);
    const events = Array.from({ length: 1000 }, (_, i) => activityEvent(subjects[i % subjects.length]!, Math.floor(i / subjects.length)));
    // Deterministic pseudo-random 1–3 copies, duplicates sent later in the stream (as a redelivery would be).
    const copies = events.map((_, i) => 1 + ((i * 7919) % 3));
    const stream = events.flatMap((e, i) => Array.from({ length: copies[i]! }, (_, c) => ({ e, at: i + c * 37 })));
    stream.sort((a, b) => a.at - b.at);
    for (let i = 0; i < stream.length; i += 200) {
      await producer.send({ topic, acks: -1, messages: stream.slice(i, i + 200).map(({ e }) => wire(e, topic)) });
    }
    const sent = stream.length;
    expect(sent).toBeGreaterThan(1800);

    const sut = await startConsumer({ prisma, kafka, topic, groupId });
    try {
      await expectEventually(async () => expect(await prisma.testEffect.count()).toBe(1000), { timeoutMs: 120_000, intervalMs: 500 });
      await expectEventually(async () => {
        const inbox = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM rt_inbox WHERE consumer_group = $1`, groupId);
        expect(Number(inbox[0]!.n)).toBe(1000);
      });
    } finally {
      await sut.close();
    }
    const perEvent = await prisma.$queryRawUnsafe<{ event_id: string; n: bigint }[]>(`SELECT event_id, count(*) AS n FROM test_effect GROUP BY event_id HAVING count(*) > 1`);
    expect(perEvent).toEqual([]);
    // Per key, effects were applied in the order the events were produced.
    const rows = await prisma.testEffect.findMany({ orderBy: { id: 'asc' }, select: { subject: true, seq: true } });
    const last = new Map<string, number>();
    for (const r of rows) {
      expect(r.seq).toBeGreaterThan(last.get(r.subject) ?? -1);
      last.set(r.subject, r.seq);
    }
    const duplicates = await sut.metrics.registry.getSingleMetricAsString('tjc_events_consumed_total');
    // Every extra copy was recognised by the inbox as a duplicate.
    expect(Number(/outcome="duplicate"[^}]*} (\d+)/.exec(duplicates)?.[1])).toBe(sent - 1000);
  });

  it('dead-letters poison messages with their origin in headers, processes every good one, and never stalls the partition', async () => {
    const { topic, groupId } = await freshTopic('poison', 1);
    await prisma.testEffect.deleteMany();
    const good = Array.from({ length: 60 }, (_, i) => activityEvent(`act-good-${i % 6}`, i));
    const refused = activityEvent('act-refused', 0);
    const flaky = activityEvent('act-flaky', 0);
    const doomed = activityEvent('act-doomed', 0);
    const invalidData = JSON.parse(JSON.stringify(activityEvent('act-bad-data', 0)));
    invalidData.data.participants = -5;
    const unknownType = { ...JSON.parse(JSON.stringify(activityEvent('act-unknown', 0))), type: 'service.picnic.held.v1' };
    const poison = [
      { key: 'p1', value: '{not json', headers: {} },
      { key: 'act-bad-data', value: JSON.stringify(invalidData), headers: {} },
      { key: 'act-unknown', value: JSON.stringify(unknownType), headers: {} },
      wire(refused, topic),
      wire(doomed, topic),
    ];
    // Interleave: a poison message after every 12 good ones, plus one flaky (transient) event.
    const messages = [...good.map((e) => wire(e, topic))];
    poison.forEach((p, i) => messages.splice(i * 13 + 5, 0, { ...p, topic }));
    messages.splice(30, 0, wire(flaky, topic));
    await producer.send({ topic, acks: -1, messages });

    const sut = await startConsumer({
      prisma,
      kafka,
      topic,
      groupId,
      script: { permanentFailures: new Set(['act-refused']), transientFailures: new Map([['act-flaky', 2]]), alwaysFail: new Set(['act-doomed']) },
    });
    try {
      await expectEventually(async () => expect(await prisma.testEffect.count()).toBe(61), { timeoutMs: 60_000 });
      await expectEventually(async () => expect(await prisma.$queryRawUnsafe<unknown[]>(`SELECT id FROM rt_dead_letter WHERE consumer_group = $1`, groupId)).toHaveLength(5), { timeoutMs: 60_000 });
    } finally {
      await sut.close();
    }
    const dlq = await readTopic(kafka, deadLetterTopic(groupId).name, (m) => m.length >= 5);
    expect(dlq).toHaveLength(5);
    const kinds = dlq.map((m) => m.headers![DEAD_LETTER_HEADERS.errorKind]!.toString()).sort();
    expect(kinds).toEqual(['invalid-payload', 'invalid-payload', 'permanent', 'transient', 'unknown-type']);
    for (const m of dlq) {
      expect(m.headers![DEAD_LETTER_HEADERS.originalTopic]!.toString()).toBe(topic);
      expect(m.headers![DEAD_LETTER_HEADERS.originalPartition]!.toString()).toBe('0');
      expect(Number(m.headers![DEAD_LETTER_HEADERS.originalOffset]!.toString())).toBeGreaterThanOrEqual(0);
      expect(m.headers![DEAD_LETTER_HEADERS.originalKey]).toBeDefined();
      expect(m.headers![DEAD_LETTER_HEADERS.error]!.toString().length).toBeGreaterThan(0);
    }
    const doomedHeaders = dlq.find((m) => m.headers![DEAD_LETTER_HEADERS.errorKind]!.toString() === 'transient')!.headers!;
    expect(doomedHeaders[DEAD_LETTER_HEADERS.attempts]!.toString()).toBe('4');
    const invalid = dlq.find((m) => m.key?.toString() === 'act-bad-data')!;
    expect(invalid.headers![DEAD_LETTER_HEADERS.error]!.toString()).toContain('data.participants');
    // The flaky event succeeded on its third attempt, once.
    expect(await prisma.testEffect.count({ where: { subject: 'act-flaky' } })).toBe(1);
  });
});
