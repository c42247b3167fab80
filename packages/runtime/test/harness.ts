/**
 * Shared set-up of the runtime's integration tests. Real: Kafka broker,
 * PostgreSQL (a fresh migrated database per test file), Prisma 7 client with
 * the pg driver adapter, the ReliableKafkaServer under a NestJS microservice.
 */
import 'reflect-metadata';
import path from 'node:path';
import { Controller, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Kafka } from 'kafkajs';
import pino from 'pino';
import { buildEvent, toWireMessage, type PlatformEvent } from '@tjc/contracts';
import { deployMigrations } from '@tjc/prisma-tools';
import { createEmptyDatabase, testInfra, testKafka, type TestDatabase } from '@tjc/testing';
import { PrismaClient } from './generated/prisma/client';
import { ReliableKafkaServer, type ReliableKafkaOptions } from '../src/consumer/reliable-kafka.server';
import { ReliableEventContext } from '../src/consumer/event-context';
import { OnEvent } from '../src/consumer/on-event.decorator';
import { PermanentError } from '../src/consumer/errors';
import { RethrowRpcExceptionsFilter } from '../src/consumer/rethrow-rpc-exceptions.filter';
import { RuntimeMetrics } from '../src/telemetry/metrics';
import type { TransactionalDb } from '../src/db/sql';

export const SCHEMA = path.join(__dirname, 'prisma', 'schema');

export async function migratedDatabase(prefix: string): Promise<{ db: TestDatabase; prisma: PrismaClient }> {
  const infra = await testInfra();
  const db = await createEmptyDatabase(infra.postgresAdminUrl, prefix);
  await deployMigrations({ schemaPath: SCHEMA, databaseUrl: db.url });
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url, max: 20 }) });
  return { db, prisma };
}

export const quietLogger = () => pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });

/** Behaviour the test handler can be told to have, per subject. */
export interface HandlerScript {
  /** ms to spend inside the transaction (to widen crash windows). */
  delayMs?: number;
  /** Subjects whose handler throws a PermanentError. */
  permanentFailures?: Set<string>;
  /** Subject → how many attempts fail transiently before success. */
  transientFailures?: Map<string, number>;
  /** Subjects that always fail transiently (exhaust the retry budget). */
  alwaysFail?: Set<string>;
}

/** The test's event handler: one effect row per application, in the handler's transaction. */
export function makeTestController(script: HandlerScript) {
  const attempts = new Map<string, number>();
  @Controller()
  class TestHandlers {
    @OnEvent('service.activity.held.v1')
    async onActivity(@Payload() event: PlatformEvent<'service.activity.held.v1'>, @Ctx() ctx: ReliableEventContext<PrismaClientTx>) {
      const subject = event.subject;
      if (script.permanentFailures?.has(subject)) throw new PermanentError(`subject ${subject} is refused by the handler`);
      const n = (attempts.get(event.id) ?? 0) + 1;
      attempts.set(event.id, n);
      if (script.alwaysFail?.has(subject)) throw new Error(`database unavailable (simulated) for ${subject}`);
      if ((script.transientFailures?.get(subject) ?? 0) >= n) throw new Error(`deadlock detected (simulated), attempt ${n}`);
      await ctx.tx.testEffect.create({ data: { eventId: event.id, subject, seq: event.data.participants } });
      if (script.delayMs) await new Promise((r) => setTimeout(r, script.delayMs));
    }
  }
  return TestHandlers;
}

export type PrismaClientTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export async function startConsumer(options: {
  prisma: PrismaClient;
  kafka: Kafka;
  topic: string;
  groupId: string;
  script?: HandlerScript;
  overrides?: Partial<ReliableKafkaOptions>;
  /** Handlers to run instead of the scripted test handler (the benchmark's batch handler). */
  controller?: Type;
}) {
  const metrics = new RuntimeMetrics('runtime-test');
  const server = new ReliableKafkaServer({
    kafka: options.kafka,
    db: options.prisma as unknown as TransactionalDb,
    logger: quietLogger(),
    metrics,
    groupId: options.groupId,
    topics: [options.topic],
    source: 'tjc/service-network',
    concurrency: 8,
    maxAttempts: 4,
    retryBaseMs: 20,
    ...options.overrides,
  });
  @Module({ controllers: [options.controller ?? makeTestController(options.script ?? {})] })
  class TestModule {}
  const app = await NestFactory.createMicroservice(TestModule, { strategy: server, logger: false });
  app.useGlobalFilters(new RethrowRpcExceptionsFilter());
  await app.listen();
  return { app, server, metrics, close: async () => { await server.close(); await app.close(); } };
}

let seq = 0;
/** A valid activity-held event; `participants` carries a per-subject sequence number. */
export function activityEvent(subject: string, n: number): PlatformEvent<'service.activity.held.v1'> {
  seq++;
  return buildEvent(
    'service.activity.held.v1',
    { activityId: subject, type: 'project-promotion', title: `项目推介会 ${n}`, heldOn: '2024-05-20', place: '天开高教科创园', organisers: ['天津中心'], participants: n, pairsMatched: 0 },
    { source: 'tjc/service-network', time: '2024-05-20T10:00:00+08:00', id: `evt-${subject}-${n}-${seq}` },
  );
}

export function wire(event: PlatformEvent, topic: string) {
  const m = toWireMessage(event);
  return { key: m.key, value: m.value, headers: m.headers, topic };
}

export async function infraKafka(): Promise<Kafka> {
  return testKafka((await testInfra()).kafkaBrokers);
}
