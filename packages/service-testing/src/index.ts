/**
 * Integration-test harness for a platform service. What is real: PostgreSQL
 * (a database migrated with the service's own migrations), Kafka (topics
 * under a namespace unique to the test file), the service's NestJS app with
 * its HTTP API, outbox relay and consumer, and signed JWTs. Nothing is mocked.
 *
 *   const sut = await startServiceForTest({ schemaDir, module: (env) => AppModule.register(loadServiceConfig(env)), consumer: {...} });
 *   const res = await sut.http('POST', '/projects', body, await sut.token({ roles: ['coordinator'], network: 'research' }));
 *   const [event] = await sut.events.expect('research.project.submitted.v1', (e) => e.subject === res.body.id);
 *   await sut.events.publish(buildEvent(...));
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DynamicModule, Type } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { issueDevToken, type Principal } from '@tjc/auth';
import { fromWireValue, parseEvent, toWireMessage, TOPICS, type EventType, type PlatformEvent, type TopicKey } from '@tjc/contracts';
import { deployMigrations } from '@tjc/prisma-tools';
import { startService, type RunningService } from '@tjc/runtime';
import { cloneDatabase, dropDatabase, expectEventually, testInfra, testKafka, uniqueName, type TestDatabase } from '@tjc/testing';
import { Client } from 'pg';

/** Signs the audit checkpoints of services under test. */
export const TEST_AUDIT_KEY = 'test-audit-checkpoint-key-0123456789abcdef';
export const TEST_AUTH = { issuer: 'tjc-test-issuer', audience: 'tjc-platform', devSecret: 'test-secret-for-integration-tests-only-0123456789' };

const templates = new Map<string, Promise<string>>();

function migrationsHash(schemaDir: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const p = path.join(dir, entry);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.sql') || p.endsWith('.prisma') || p.endsWith('.toml')) hash.update(p).update(readFileSync(p));
    }
  };
  walk(schemaDir);
  return hash.digest('hex').slice(0, 12);
}

/**
 * A database with the service's migrations applied: the migrations run once
 * into a template database (named by their hash, kept between runs), and
 * each test file gets a clone of it in milliseconds.
 */
export async function migratedTestDatabase(schemaDir: string, prefix: string): Promise<TestDatabase> {
  const infra = await testInfra();
  const template = `tpl_${path.basename(path.dirname(path.dirname(schemaDir))).replace(/[^a-z0-9]/gi, '_').slice(0, 30)}_${migrationsHash(schemaDir)}`.toLowerCase();
  if (!templates.has(template)) {
    templates.set(
      template,
      (async () => {
        const url = new URL(infra.postgresAdminUrl);
        url.pathname = `/${template}`;
        // Several jest workers may race to build the same template: serialise with an advisory lock.
        const admin = new Client({ connectionString: infra.postgresAdminUrl });
        await admin.connect();
        try {
          await admin.query(`SELECT pg_advisory_lock(hashtext($1))`, [template]);
          await deployMigrations({ schemaPath: schemaDir, databaseUrl: url.toString() });
          await admin.query(`SELECT pg_advisory_unlock(hashtext($1))`, [template]);
        } finally {
          await admin.end();
        }
        return template;
      })(),
    );
  }
  return cloneDatabase(infra.postgresAdminUrl, await templates.get(template)!, prefix);
}

export interface StartServiceForTestOptions {
  /** The service's prisma/schema folder. */
  readonly schemaDir: string;
  /** Builds the root module from an environment (the test's env overlays process.env). */
  readonly module: (env: NodeJS.ProcessEnv) => Type<unknown> | DynamicModule;
  readonly consumer?: { readonly groupId: string; readonly topics: readonly TopicKey[] };
  readonly env?: Record<string, string>;
}

export interface HttpResult<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface ServiceUnderTest {
  readonly url: string;
  readonly db: TestDatabase;
  readonly namespace: string;
  readonly service: RunningService;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies loosely
  http<T = any>(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>): Promise<HttpResult<T>>;
  token(principal: Partial<Principal> & Pick<Principal, 'roles'>): Promise<string>;
  readonly events: EventProbe;
  stop(): Promise<void>;
}

/** Reads and writes the test's namespaced topics. */
export class EventProbe {
  private producer?: Producer;
  private readonly seen: PlatformEvent[] = [];
  private consumerStarted?: Promise<void>;
  private consumer?: ReturnType<Kafka['consumer']>;

  constructor(
    private readonly kafka: Kafka,
    private readonly namespace: string,
  ) {}

  topic(key: TopicKey): string {
    return `${this.namespace}.${TOPICS[key].name}`;
  }

  /** Publishes events as a partner or another network would: to the namespaced domain topic. */
  async publish(...events: PlatformEvent[]): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await this.producer.connect();
    }
    for (const event of events) {
      const wire = toWireMessage(event);
      await this.producer.send({ topic: `${this.namespace}.${wire.topic}`, acks: -1, messages: [{ key: wire.key, value: wire.value, headers: wire.headers }] });
    }
  }

  private start(): Promise<void> {
    this.consumerStarted ??= (async () => {
      this.consumer = this.kafka.consumer({ groupId: `${this.namespace}.probe` });
      await this.consumer.connect();
      await this.consumer.subscribe({ topics: (Object.keys(TOPICS) as TopicKey[]).map((k) => this.topic(k)), fromBeginning: true });
      await this.consumer.run({
        eachMessage: async ({ message }) => {
          const decoded = fromWireValue(message.value);
          if (!decoded.ok) return;
          const parsed = parseEvent(decoded.raw);
          if (parsed.ok) this.seen.push(parsed.event);
        },
      });
    })();
    return this.consumerStarted;
  }

  /** Waits until events of `type` matching `where` were published; returns them. */
  async expect<T extends EventType>(type: T, where: (e: PlatformEvent<T>) => boolean = () => true, count = 1, timeoutMs = 30_000): Promise<PlatformEvent<T>[]> {
    await this.start();
    return expectEventually(
      () => {
        const found = this.seen.filter((e) => e.type === type).map((e) => e as unknown as PlatformEvent<T>).filter(where);
        if (found.length < count) throw new Error(`expected ${count} ${type} event(s), saw ${found.length}; all seen: ${this.seen.map((e) => e.type).join(', ') || 'none'}`);
        return found;
      },
      { timeoutMs, intervalMs: 100 },
    );
  }

  /** Everything seen so far (after at least one expect or a short wait). */
  all(): readonly PlatformEvent[] {
    return this.seen;
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }
}

/** Deletes the topics and consumer groups a test's namespace left on the shared broker. */
async function removeNamespace(kafka: Kafka, namespace: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${namespace}.`));
    if (topics.length) await admin.deleteTopics({ topics }).catch(() => undefined);
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(`${namespace}.`));
    if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

export async function startServiceForTest(options: StartServiceForTestOptions): Promise<ServiceUnderTest> {
  const infra = await testInfra();
  const db = await migratedTestDatabase(options.schemaDir, 'svc');
  const namespace = uniqueName('ns').replace(/_/g, '-');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    REDIS_URL: infra.redisUrl,
    AUTH_DEV_ISSUER: TEST_AUTH.issuer,
    AUTH_AUDIENCE: TEST_AUTH.audience,
    AUTH_DEV_SECRET: TEST_AUTH.devSecret,
    AUDIT_CHECKPOINT_KEY: TEST_AUDIT_KEY,
    AUDIT_CHECKPOINT_EVERY_MS: '200',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    OUTBOX_POLL_MS: '200',
    PORT: '0',
    // Off unless a test turns them on with a key prefix of its own: test files must not share counters.
    RATE_LIMIT_MODE: 'off',
    ...options.env,
  };
  // The namespace is read by the runtime at call time; one service per test file.
  process.env['KAFKA_TOPIC_NAMESPACE'] = namespace;
  const service = await startService({
    module: options.module(env),
    port: 0,
    host: '127.0.0.1',
    handleSignals: false,
    docs: { title: 'test', description: 'test' },
    ...(options.consumer && { consumer: options.consumer }),
  });
  const events = new EventProbe(testKafka(infra.kafkaBrokers), namespace);
  return {
    url: service.url,
    db,
    namespace,
    service,
    events,
    async http(method, urlPath, body, token, headers = {}) {
      const res = await fetch(`${service.url}${urlPath}`, {
        method,
        headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }), ...headers },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* keep text */
      }
      return { status: res.status, body: parsed as never, headers: res.headers };
    },
    token: (p) => issueDevToken(TEST_AUTH, { sub: p.sub ?? `${p.roles[0]}-${p.network ?? 'center'}`, name: p.name ?? '测试用户', roles: p.roles, ...(p.network && { network: p.network }) }),
    async stop() {
      await events.close();
      await service.shutdown();
      await dropDatabase(infra.postgresAdminUrl, db.name).catch(() => undefined);
      await removeNamespace(testKafka(infra.kafkaBrokers), namespace);
    },
  };
}
