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
 * Writes bench/results.json (git-ignored) and prints medians and ratios.
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
import { activityEvent, infraKafka, migratedDatabase, startConsumer, wire } from '../test/harness';
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
    ratios: { runtimeVsStockNest: m['runtime']! / m['stockNestKafka']!, runtimeVsRawKafkajs: m['runtime']! / m['rawKafkajsEachBatch']! },
  };
  writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
