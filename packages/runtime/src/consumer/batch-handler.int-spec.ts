/**
 * Batch transactions of the ReliableKafkaServer, against the real broker and
 * database: an `@OnEventBatch` handler receives runs of many events in one
 * call and writes them in one statement; per-event handlers share the same
 * transaction; duplicates (in the batch and across batches) apply once; a
 * failing event falls back to one-by-one processing without failing its
 * neighbours; reactions go out through one outbox write.
 * Real: Kafka, PostgreSQL, Prisma 7 + adapter-pg, the NestJS microservice.
 */
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import type { Kafka, Producer } from 'kafkajs';
import { buildEvent, deadLetterTopic, TOPICS, type PlatformEvent } from '@tjc/contracts';
import { createTopics, deleteTopics, expectEventually, uniqueGroup, uniqueName, type TestDatabase } from '@tjc/testing';
import { activityEvent, infraKafka, migratedDatabase, quietLogger, wire, type PrismaClientTx } from '../../test/harness';
import type { PrismaClient } from '../../test/generated/prisma/client';
import type { TransactionalDb } from '../db/sql';
import { RuntimeMetrics } from '../telemetry/metrics';
import { PermanentError } from './errors';
import type { ReliableBatchContext, ReliableEventContext } from './event-context';
import { OnEvent, OnEventBatch } from './on-event.decorator';
import { ReliableKafkaServer } from './reliable-kafka.server';
import { RethrowRpcExceptionsFilter } from './rethrow-rpc-exceptions.filter';

jest.setTimeout(180_000);

const trainingEvent = (sessionId: string, n: number) =>
  buildEvent(
    'service.training.completed.v1',
    { sessionId, courseId: 'c-1', courseType: 'technology-manager', courseTitle: '技术经理人培训', completedOn: '2024-05-20', completions: [{ enrolmentId: `en-${sessionId}-${n}`, traineeId: `p-${n}` }], personTimes: 1 },
    { source: 'tjc/service-network', time: '2024-05-20T10:00:00+08:00' },
  );

describe('batch transactions (real Kafka + PostgreSQL)', () => {
  let kafka: Kafka;
  let producer: Producer;
  let db: TestDatabase;
  let prisma: PrismaClient;
  const namespace = uniqueName('batch').replace(/_/g, '-');
  const topic = `${namespace}.${TOPICS.service.name}`;
  const groupId = uniqueGroup('batch');
  const batchSizes: number[] = [];
  const poison = new Set<string>();

  @Controller()
  class Handlers {
    /** Every activity of the run in ONE insert. */
    @OnEventBatch(['service.activity.held.v1'])
    async onActivities(@Payload() events: readonly PlatformEvent<'service.activity.held.v1'>[], @Ctx() ctx: ReliableBatchContext<PrismaClientTx>) {
      batchSizes.push(events.length);
      if (events.some((e) => poison.has(e.subject))) throw new PermanentError(`poison in the batch: ${events.filter((e) => poison.has(e.subject)).map((e) => e.subject).join(', ')}`);
      await ctx.tx.testEffect.createMany({ data: events.map((e) => ({ eventId: e.id, subject: e.subject, seq: e.data.participants })) });
      const last = events[events.length - 1]!;
      if (last.subject.endsWith('-react')) ctx.publishFor(last, 'service.activity.held.v1', { ...last.data, activityId: `${last.subject}-echo` }, { time: last.time });
    }

    @OnEvent('service.training.completed.v1')
    async onTraining(@Payload() event: PlatformEvent<'service.training.completed.v1'>, @Ctx() ctx: ReliableEventContext<PrismaClientTx>) {
      await ctx.tx.testEffect.create({ data: { eventId: event.id, subject: event.data.sessionId, seq: 0 } });
    }
  }

  let server: ReliableKafkaServer;
  let close: () => Promise<void>;

  beforeAll(async () => {
    process.env['KAFKA_TOPIC_NAMESPACE'] = namespace;
    kafka = await infraKafka();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    ({ db, prisma } = await migratedDatabase('rt_batch'));
    await createTopics(kafka, [{ topic, numPartitions: 2 }, { topic: `${namespace}.${deadLetterTopic(groupId).name}`, numPartitions: 1 }]);
    server = new ReliableKafkaServer({
      kafka,
      db: prisma as unknown as TransactionalDb,
      logger: quietLogger(),
      metrics: new RuntimeMetrics('batch-test'),
      groupId,
      topics: [topic],
      source: 'tjc/service-network',
      maxAttempts: 2,
      retryBaseMs: 20,
      batchSize: 100,
    });
    @Module({ controllers: [Handlers] })
    class TestModule {}
    const app = await NestFactory.createMicroservice(TestModule, { strategy: server, logger: false });
    app.useGlobalFilters(new RethrowRpcExceptionsFilter());
    await app.listen();
    close = async () => {
      await server.close();
      await app.close();
    };
  });
  afterAll(async () => {
    await close();
    await producer.disconnect();
    await prisma.$disconnect();
    await deleteTopics(kafka, [topic, `${namespace}.${deadLetterTopic(groupId).name}`]);
    await db.drop();
    delete process.env['KAFKA_TOPIC_NAMESPACE'];
  });

  it('hands runs of many events to the batch handler, applies each once, keeps per-key order, and mixes in per-event handlers', async () => {
    const activities = Array.from({ length: 600 }, (_, i) => activityEvent(`act-b-${i % 20}`, Math.floor(i / 20)));
    const trainings = Array.from({ length: 30 }, (_, i) => trainingEvent(`ts-b-${i % 3}`, i));
    // Interleaved, and every tenth activity delivered twice (once later in the stream).
    const stream = activities.flatMap((a, i) => [a, ...(i % 20 === 0 ? [trainings[i / 20]!] : [])]);
    stream.push(...activities.filter((_, i) => i % 10 === 0));
    await producer.send({ topic, acks: -1, messages: stream.map((e) => wire(e, topic)) });

    await expectEventually(async () => expect(await prisma.testEffect.count()).toBe(600 + 30), { timeoutMs: 120_000, intervalMs: 200 });
    expect(await prisma.$queryRawUnsafe<unknown[]>(`SELECT event_id FROM test_effect GROUP BY event_id HAVING count(*) > 1`)).toEqual([]);
    const rows = await prisma.testEffect.findMany({ where: { subject: { startsWith: 'act-b-' } }, orderBy: { id: 'asc' }, select: { subject: true, seq: true } });
    const last = new Map<string, number>();
    for (const r of rows) {
      expect(r.seq).toBeGreaterThan(last.get(r.subject) ?? -1);
      last.set(r.subject, r.seq);
    }
    // Batching happened: the 600 activities came in far fewer calls than events.
    expect(batchSizes.length).toBeLessThan(200);
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
  });

  it('a failing event falls back to one by one: its neighbours apply, it is dead-lettered', async () => {
    await prisma.testEffect.deleteMany();
    batchSizes.length = 0;
    poison.add('act-poison');
    const good = Array.from({ length: 40 }, (_, i) => activityEvent(`act-n-${i % 4}`, Math.floor(i / 4)));
    const bad = activityEvent('act-poison', 0);
    await producer.send({ topic, acks: -1, messages: [...good.slice(0, 20), bad, ...good.slice(20)].map((e) => wire(e, topic)) });
    await expectEventually(async () => expect(await prisma.testEffect.count()).toBe(40), { timeoutMs: 120_000, intervalMs: 200 });
    await expectEventually(async () => {
      const rows = await prisma.$queryRawUnsafe<{ event_id: string; error_kind: string }[]>(`SELECT event_id, error_kind FROM rt_dead_letter WHERE consumer_group = $1`, groupId);
      expect(rows).toEqual([{ event_id: bad.id, error_kind: 'permanent' }]);
    });
    // The batch with the poison was tried, then its events went one by one (batches of one).
    expect(batchSizes.filter((n) => n === 1).length).toBeGreaterThan(0);
  });

  it('stages reactions and writes them in the batch’s one outbox insert', async () => {
    const cause = activityEvent('act-r-react', 1);
    await producer.send({ topic, acks: -1, messages: [wire(cause, topic)] });
    await expectEventually(async () => {
      const rows = await prisma.$queryRawUnsafe<{ causation: string }[]>(`SELECT value::jsonb->>'causationId' AS causation FROM rt_outbox WHERE value::jsonb->'data'->>'activityId' = 'act-r-react-echo'`);
      expect(rows).toEqual([{ causation: cause.id }]);
    });
  });
});
