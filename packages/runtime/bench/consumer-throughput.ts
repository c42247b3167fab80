/**
 * Consumer throughput benchmark (reports; never fails on a number).
 *
 * Same machine, same run, same broker, same database, same handler (one row
 * written per event), three consumers:
 *   1. raw kafkajs eachBatch + one INSERT per message (no inbox, no tx): the ceiling;
 *   2. the stock @nestjs/microservices Kafka transport (one message at a time per partition);
 *   3. this runtime (validation, inbox + effect in one transaction, per-key order, DLQ).
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
import { EventPattern, Payload, Transport } from '@nestjs/microservices';
import type { Kafka } from 'kafkajs';
import { createTopics, deleteTopics, testInfra, uniqueGroup, uniqueTopic } from '@tjc/testing';
import { activityEvent, infraKafka, migratedDatabase, quietLogger, startConsumer, wire } from '../test/harness';
import { addToOutbox } from '../src/outbox/outbox';
import { OutboxRelay } from '../src/outbox/outbox-relay';
import { RuntimeMetrics } from '../src/telemetry/metrics';
import type { PrismaClient } from '../test/generated/prisma/client';

const EVENTS = Number(process.argv[2] ?? 5000);
const ROUNDS = Number(process.argv[3] ?? 3);

async function fill(kafka: Kafka, topic: string): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const events = Array.from({ length: EVENTS }, (_, i) => activityEvent(`act-bench-${i % 200}`, Math.floor(i / 200)));
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

type Runner = (ctx: { kafka: Kafka; prisma: PrismaClient; topic: string; groupId: string; brokers: string[] }) => Promise<() => Promise<void>>;

const raw: Runner = async ({ kafka, prisma, topic, groupId }) => {
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: 3,
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

const stockNest: Runner = async ({ prisma, topic, groupId, brokers }) => {
  @Controller()
  class StockHandler {
    @EventPattern<string>(topic)
    async handle(@Payload() e: { id: string; subject: string; data: { participants: number } }) {
      await prisma.testEffect.create({ data: { eventId: e.id, subject: e.subject, seq: e.data.participants } });
    }
  }
  @Module({ controllers: [StockHandler] })
  class StockModule {}
  const app = await NestFactory.createMicroservice(StockModule, {
    transport: Transport.KAFKA,
    logger: false,
    options: { client: { clientId: 'bench-stock', brokers }, consumer: { groupId }, subscribe: { fromBeginning: true }, run: { partitionsConsumedConcurrently: 3 } },
  });
  await app.listen();
  return () => app.close();
};

const runtime: Runner = async ({ kafka, prisma, topic, groupId }) => {
  const sut = await startConsumer({ prisma, kafka, topic, groupId });
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
      for (const [name, run] of runners) {
        const topic = uniqueTopic(`bench-${name}`);
        topics.push(topic);
        await createTopics(kafka, [{ topic, numPartitions: 3 }]);
        await fill(kafka, topic);
        await prisma.$executeRawUnsafe('TRUNCATE test_effect, rt_inbox');
        const started = process.hrtime.bigint();
        const stop = await run({ kafka, prisma, topic, groupId: uniqueGroup(name), brokers: infra.kafkaBrokers });
        await waitForRows(prisma, EVENTS);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        await stop();
        (rates[name] ??= []).push(EVENTS / seconds);
        console.log(`round ${round} ${name}: ${(EVENTS / seconds).toFixed(0)} events/s (${seconds.toFixed(2)} s)`);
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
    ratios: { runtimeVsStockNest: m['runtime']! / m['stockNestKafka']!, runtimeVsRawKafkajs: m['runtime']! / m['rawKafkajsEachBatch']! },
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
