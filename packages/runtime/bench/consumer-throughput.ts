/**
 * Consumer throughput benchmark (reports; never fails on a number).
 *
 * Same machine, same run, same broker, same database, the same work (one
 * row written per event), the same concurrency (3 partitions consumed at
 * once by each), three consumers:
 *   1. raw kafkajs eachBatch + one INSERT per message (no inbox, no tx): a hand-written ceiling;
 *   2. the stock @nestjs/microservices Kafka transport (@EventPattern, one INSERT per message);
 *   3. this runtime with a batch handler (@OnEventBatch: validation, one
 *      multi-row inbox claim, the effects as one multi-row INSERT and the
 *      offsets in one transaction per partition batch, per-key order, DLQ).
 * Each is timed from its consumer's group join (partitions assigned) to
 * the last row, so the join, which a service pays once at boot, is not in
 * the rate. Two key layouts, both measured: `distinct` (every event its own
 * subject, as on the platform's topics) and `bursts` (200 subjects with 25
 * events each in a row: same-key runs).
 *
 *   pnpm --filter @tjc/runtime bench [events=5000] [rounds=3]
 * Writes bench/results.json (git-ignored; RUNTIME_BENCH_RESULTS=<file> writes
 * there instead; RUNTIME_BENCH_RELAY_SAMPLES=<n> sizes the relay latency
 * measurement, 300 by default) and prints medians and ratios.
 *
 * Broker and database come from @tjc/testing's testInfra(): the shared local
 * ones by default; the platform benchmark (e2e/bench) runs this file as a
 * child process with TJC_TEST_INFRA=local, KAFKA_BROKERS and
 * POSTGRES_ADMIN_URL pointing at its private stack.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload, ServerKafka } from '@nestjs/microservices';
import type { Consumer, ConsumerConfig, Kafka } from 'kafkajs';
import type { PlatformEvent } from '@tjc/contracts';
import { createTopics, deleteTopics, testInfra, uniqueGroup, uniqueTopic } from '@tjc/testing';
import { activityEvent, infraKafka, migratedDatabase, quietLogger, startConsumer, wire, type PrismaClientTx } from '../test/harness';
import type { ReliableBatchContext } from '../src/consumer/event-context';
import { OnEventBatch } from '../src/consumer/on-event.decorator';
import { addToOutbox } from '../src/outbox/outbox';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { RuntimeMetrics } from '../src/telemetry/metrics';
import type { PrismaClient } from '../test/generated/prisma/client';

const EVENTS = Number(process.argv[2] ?? 5000);
const ROUNDS = Number(process.argv[3] ?? 3);

/** Partitions of every bench topic, and partitions each consumer works on at once. */
const PARTITIONS = 3;
const CONCURRENCY = 3;

type Keys = 'distinct' | 'bursts';

function keyed(keys: Keys, i: number) {
  // distinct: a subject per event; bursts: 25 events of one subject in a row, 200 subjects.
  return keys === 'distinct' ? activityEvent(`act-bench-${i}`, 0) : activityEvent(`act-bench-${Math.floor(i / 25) % 200}`, i);
}

async function fill(kafka: Kafka, topic: string, keys: Keys): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const events = Array.from({ length: EVENTS }, (_, i) => keyed(keys, i));
  for (let i = 0; i < events.length; i += 500) await producer.send({ topic, acks: -1, messages: events.slice(i, i + 500).map((e) => wire(e, topic)) });
  await producer.disconnect();
}

async function waitForRows(prisma: PrismaClient, n: number, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await prisma.testEffect.count()) < n) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} rows`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** When a consumer first joined its group (its partitions assigned). */
function onFirstJoin(consumer: Consumer, joined: (at: bigint) => void): Consumer {
  let first = true;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    if (first) joined(process.hrtime.bigint());
    first = false;
  });
  return consumer;
}

/** The same Kafka client, whose consumers report their first group join. */
function timedKafka(kafka: Kafka, joined: (at: bigint) => void): Kafka {
  return new Proxy(kafka, { get: (target, prop, receiver) => (prop === 'consumer' ? (config: ConsumerConfig) => onFirstJoin(target.consumer(config), joined) : Reflect.get(target, prop, receiver)) });
}

/** Nest's own Kafka server, unchanged but for reporting its consumer's first group join. */
class TimedServerKafka extends ServerKafka {
  constructor(
    options: ConstructorParameters<typeof ServerKafka>[0],
    private readonly joined: (at: bigint) => void,
  ) {
    super(options);
  }
  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    if (this.consumer) onFirstJoin(this.consumer, this.joined);
  }
}

type Runner = (ctx: { kafka: Kafka; prisma: PrismaClient; topic: string; groupId: string; brokers: string[]; joined: (at: bigint) => void }) => Promise<() => Promise<void>>;

const raw: Runner = async ({ kafka, prisma, topic, groupId, joined }) => {
  const consumer = timedKafka(kafka, joined).consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: CONCURRENCY,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      for (const m of batch.messages) {
        const e = JSON.parse(m.value!.toString()) as { id: string; subject: string; data: { participants: number } };
        await prisma.testEffect.create({ data: { eventId: e.id, subject: e.subject, seq: e.data.participants } });
        resolveOffset(m.offset);
      }
      await heartbeat();
    },
  });
  return async () => {
    await consumer.disconnect();
  };
};

const stockNest: Runner = async ({ prisma, topic, groupId, brokers, joined }) => {
  @Controller()
  class StockHandler {
    @EventPattern<string>(topic)
    async handle(@Payload() e: { id: string; subject: string; data: { participants: number } }) {
      await prisma.testEffect.create({ data: { eventId: e.id, subject: e.subject, seq: e.data.participants } });
    }
  }
  @Module({ controllers: [StockHandler] })
  class StockModule {}
  const options = { client: { clientId: 'bench-stock', brokers }, consumer: { groupId }, subscribe: { fromBeginning: true }, run: { partitionsConsumedConcurrently: CONCURRENCY } };
  // Transport.KAFKA's server, as Nest would create it for these options, reporting its group join.
  const app = await NestFactory.createMicroservice(StockModule, { strategy: new TimedServerKafka(options, joined), logger: false });
  await app.listen();
  return () => app.close();
};

/** The runtime's way for a slice that writes a row per event: one statement per batch. */
@Controller()
class BatchEffects {
  @OnEventBatch(['service.activity.held.v1'])
  async onActivities(@Payload() events: readonly PlatformEvent<'service.activity.held.v1'>[], @Ctx() ctx: ReliableBatchContext<PrismaClientTx>) {
    await ctx.tx.testEffect.createMany({ data: events.map((e) => ({ eventId: e.id, subject: e.subject, seq: e.data.participants })) });
  }
}

const runtime: Runner = async ({ kafka, prisma, topic, groupId, joined }) => {
  const sut = await startConsumer({ prisma, kafka: timedKafka(kafka, joined), topic, groupId, controller: BatchEffects, overrides: { concurrency: CONCURRENCY } });
  return sut.close;
};

/**
 * Outbox relay latency: from a transaction's commit to the event's arrival at
 * a consumer (relay wake-up by NOTIFY + produce with acks=all + fetch),
 * one event per transaction, committed one after another with small gaps.
 */
async function relayLatency(kafka: Kafka, prisma: PrismaClient, databaseUrl: string, samples = Number(process.env['RUNTIME_BENCH_RELAY_SAMPLES'] || 300)): Promise<{ p50: number; p99: number; max: number }> {
  const namespace = uniqueTopic('relay').replace(/[._]/g, '-');
  process.env['KAFKA_TOPIC_NAMESPACE'] = namespace;
  const topic = `${namespace}.tjc.service.events.v1`;
  await createTopics(kafka, [{ topic, numPartitions: 3 }]);
  const relay = new OutboxRelay({ service: 'bench', databaseUrl, kafka, logger: quietLogger(), metrics: new RuntimeMetrics('bench'), pollMs: 1000 });
  await relay.start();
  const committedAt = new Map<string, number>();
  // Arrivals are paired with commits afterwards: the relay, woken by NOTIFY at
  // commit, can deliver an event before the awaiting loop below has noted its
  // commit time; pairing on arrival would drop that sample and then wait out
  // the deadline for it.
  const arrivedAt = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: uniqueGroup('relay'), maxWaitTimeInMs: 20 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const id = message.headers?.['ce_id']?.toString();
      if (id && !arrivedAt.has(id)) arrivedAt.set(id, performance.now());
    },
  });
  await new Promise((r) => setTimeout(r, 2000)); // let the consumer join before measuring
  for (let i = 0; i < samples; i++) {
    const event = activityEvent(`act-relay-${i % 10}`, i);
    await prisma.$transaction((tx) => addToOutbox(tx, [event]));
    committedAt.set(event.id, performance.now());
    await new Promise((r) => setTimeout(r, 10));
  }
  const deadline = Date.now() + 30_000;
  while ([...committedAt.keys()].some((id) => !arrivedAt.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  // An arrival noted a hair before its commit time was (see above) counts as 0 ms.
  const latencies = [...committedAt].flatMap(([id, at]) => (arrivedAt.has(id) ? [Math.max(0, arrivedAt.get(id)! - at)] : []));
  await consumer.disconnect();
  await relay.stop();
  await deleteTopics(kafka, [topic]);
  delete process.env['KAFKA_TOPIC_NAMESPACE'];
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main() {
  const infra = await testInfra();
  const kafka = await infraKafka();
  const { db, prisma } = await migratedDatabase('rt_bench');
  const runners: [string, Runner][] = [['rawKafkajsEachBatch', raw], ['stockNestKafka', stockNest], ['runtime', runtime]];
  const rates: Record<string, number[]> = {};
  const topics: string[] = [];
  let relay: { p50: number; p99: number; max: number } | undefined;
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const keys of ['distinct', 'bursts'] as const) {
        for (const [name, run] of runners) {
          const topic = uniqueTopic(`bench-${name}`);
          topics.push(topic);
          await createTopics(kafka, [{ topic, numPartitions: PARTITIONS }]);
          await fill(kafka, topic, keys);
          await prisma.$executeRawUnsafe('TRUNCATE test_effect, rt_inbox');
          let joinedAt: bigint | undefined;
          const stop = await run({ kafka, prisma, topic, groupId: uniqueGroup(name), brokers: infra.kafkaBrokers, joined: (at) => (joinedAt ??= at) });
          await waitForRows(prisma, EVENTS);
          const done = process.hrtime.bigint();
          await stop();
          if (joinedAt === undefined) throw new Error(`${name} never reported its group join`);
          const seconds = Number(done - joinedAt) / 1e9;
          const key = keys === 'distinct' ? name : `${name}.bursts`;
          (rates[key] ??= []).push(EVENTS / seconds);
          console.log(`round ${round} ${name} (${keys} keys): ${(EVENTS / seconds).toFixed(0)} events/s (${seconds.toFixed(2)} s from group join)`);
        }
      }
    }
    relay = await relayLatency(kafka, prisma, db.url);
    console.log(`outbox relay latency (commit → consumer): p50 ${relay.p50.toFixed(1)} ms, p99 ${relay.p99.toFixed(1)} ms`);
  } finally {
    await deleteTopics(kafka, topics);
    await prisma.$disconnect();
    await db.drop();
  }
  const m = Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, median(v)]));
  const result = {
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    events: EVENTS,
    rounds: ROUNDS,
    medianEventsPerSecond: m,
    samples: rates,
    outboxRelayLatencyMs: relay,
    concurrency: CONCURRENCY,
    ratios: {
      runtimeVsStockNest: m['runtime']! / m['stockNestKafka']!,
      runtimeVsRawKafkajs: m['runtime']! / m['rawKafkajsEachBatch']!,
      runtimeVsStockNestBursts: m['runtime.bursts']! / m['stockNestKafka.bursts']!,
    },
  };
  writeFileSync(process.env['RUNTIME_BENCH_RESULTS'] || path.join(__dirname, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
