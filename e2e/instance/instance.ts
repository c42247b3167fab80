/**
 * The data of a platform instance (infra/env.sh), on the shared PostgreSQL,
 * Kafka broker and Redis:
 *
 *   instance remove                 (TJC_INSTANCE=test only) drops the test instance's
 *                                   databases, deletes its namespaced topics and consumer
 *                                   groups and its Redis keys: ./platform test runs it
 *                                   before and after the end-to-end stage
 *   instance fingerprint [file]     row count and checksum of every table of the user's six
 *                                   databases, end offsets of the user's topics and committed
 *                                   offsets of its consumer groups, and the user's persistent
 *                                   Redis keys with a hash of their values; to stdout or a file
 *   instance compare <a> <b>        the differences of two fingerprints; exit 1 if any
 *
 * `fingerprint` and `compare` prove that the test suite leaves the user's data
 * alone: take one after ./platform up --exit-after-demo, run ./platform test,
 * take another, compare (README, "Tests and your data").
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { currentInstance, platformServices, type Instance } from '../src/platform';

const env = process.env;
const adminUrl = env['POSTGRES_ADMIN_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const brokers = (env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const redisUrl = env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const USER: Instance = { name: '', portOffset: 0, topicNamespace: '' };

function databaseUrl(database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

const kafka = () => new Kafka({ clientId: 'tjc-instance', brokers, logLevel: logLevel.NOTHING });

/** Redis key prefixes of an instance's services (KPI: BullMQ and cache; gateway: rate limiter; every API: rate limits). */
function redisPrefixes(instance: Instance): string[] {
  return instance.name === ''
    ? ['tjc-kpi', 'tjc:partner-gateway', 'tjc:rate-limit']
    : [env['REDIS_PREFIX'] ?? `tjc-${instance.name}-kpi`, env['PARTNER_RATE_KEY_PREFIX'] ?? `tjc-${instance.name}:partner-gateway`, env['RATE_LIMIT_KEY_PREFIX'] ?? `tjc-${instance.name}:rate-limit`];
}

async function scanKeys(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys.sort();
}

async function remove(): Promise<void> {
  const instance = currentInstance();
  if (instance.name !== 'test' || !instance.topicNamespace) throw new Error('instance remove works on the test instance only (TJC_INSTANCE=test); it never touches the user’s data');
  const services = platformServices(undefined, instance);

  const pg = new Client({ connectionString: adminUrl });
  await pg.connect();
  try {
    for (const s of services) {
      if (!/^tjc_test_[a-z0-9_]+$/.test(s.database)) throw new Error(`refusing to drop ${s.database}: not a test database`);
      await pg.query(`DROP DATABASE IF EXISTS "${s.database}" WITH (FORCE)`);
      // Its roles (infra/postgres/roles.sql) own nothing else once the database is gone.
      for (const role of [`${s.database}_owner`, `${s.database}_app`]) await pg.query(`DROP ROLE IF EXISTS "${role}"`);
    }
  } finally {
    await pg.end();
  }

  const admin = kafka().admin();
  await admin.connect();
  let topics: string[] = [];
  let groups: string[] = [];
  try {
    topics = (await admin.listTopics()).filter((t) => t.startsWith(`${instance.topicNamespace}.`));
    if (topics.length) await admin.deleteTopics({ topics, timeout: 30_000 });
    groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(`${instance.topicNamespace}.`));
    if (groups.length) await admin.deleteGroups(groups);
  } finally {
    await admin.disconnect();
  }

  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  await redis.connect();
  let keys = 0;
  try {
    for (const prefix of redisPrefixes(instance)) {
      const found = await scanKeys(redis, prefix);
      for (let i = 0; i < found.length; i += 500) await redis.del(...found.slice(i, i + 500));
      keys += found.length;
    }
  } finally {
    redis.disconnect();
  }
  process.stderr.write(`[instance] test instance removed: ${services.length} databases, ${topics.length} topics, ${groups.length} consumer groups, ${keys} Redis keys\n`);
}

interface Fingerprint {
  readonly databases: Record<string, Record<string, { rows: number; md5: string }> | 'absent'>;
  readonly topics: Record<string, string[]>;
  readonly groups: Record<string, Record<string, string[]>>;
  readonly redis: { readonly persistent: Record<string, string>; readonly volatileKeys: number };
}

async function tablesOf(database: string): Promise<Record<string, { rows: number; md5: string }> | 'absent'> {
  const client = new Client({ connectionString: databaseUrl(database) });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code === '3D000') return 'absent';
    throw error;
  }
  try {
    const { rows: tables } = await client.query<{ name: string }>(`SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`);
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables) {
      // Order-independent: the md5 of the sorted md5s of every row's text form.
      const { rows } = await client.query<{ n: string; h: string | null }>(`SELECT count(*)::text AS n, md5(string_agg(h, '' ORDER BY h)) AS h FROM (SELECT md5(t::text) AS h FROM ${name} t) x`);
      out[name] = { rows: Number(rows[0]!.n), md5: rows[0]!.h ?? 'empty' };
    }
    return out;
  } finally {
    await client.end();
  }
}

async function fingerprint(): Promise<Fingerprint> {
  const databases: Fingerprint['databases'] = {};
  for (const s of platformServices(undefined, USER)) databases[s.database] = await tablesOf(s.database);

  const admin = kafka().admin();
  await admin.connect();
  const topics: Fingerprint['topics'] = {};
  const groups: Fingerprint['groups'] = {};
  try {
    // The user's topics carry the contracts' names (tjc.…); a namespaced copy's start with its namespace.
    const names = (await admin.listTopics()).filter((t) => t.startsWith('tjc.')).sort();
    for (const topic of names) {
      const offsets = await admin.fetchTopicOffsets(topic);
      topics[topic] = offsets.sort((a, b) => a.partition - b.partition).map((p) => `${p.partition}:${p.low}-${p.high}`);
    }
    // Every group's committed offsets on the user's topics: the services' own groups, and any group a test
    // should never have created there (a test's groups on its own topics have none and are left out).
    const groupIds = (await admin.listGroups()).groups.map((g) => g.groupId).sort();
    for (const groupId of groupIds) {
      const committed = names.length ? await admin.fetchOffsets({ groupId, topics: names }) : [];
      const byTopic: Record<string, string[]> = {};
      for (const t of committed) {
        const set = t.partitions.filter((p) => p.offset !== '-1').sort((a, b) => a.partition - b.partition).map((p) => `${p.partition}:${p.offset}`);
        if (set.length) byTopic[t.topic] = set;
      }
      if (Object.keys(byTopic).length) groups[groupId] = byTopic;
    }
  } finally {
    await admin.disconnect();
  }

  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  await redis.connect();
  const persistent: Record<string, string> = {};
  let volatileKeys = 0;
  try {
    for (const prefix of redisPrefixes(USER)) {
      for (const key of await scanKeys(redis, prefix)) {
        // Keys with a time to live (API cache, rate-limit windows) expire by themselves while anything runs: not compared.
        if ((await redis.pttl(key)) >= 0) {
          volatileKeys++;
          continue;
        }
        const dump = await redis.dumpBuffer(key);
        persistent[key] = dump ? createHash('sha256').update(dump).digest('hex').slice(0, 16) : 'gone';
      }
    }
  } finally {
    redis.disconnect();
  }
  return { databases, topics, groups, redis: { persistent, volatileKeys } };
}

function differences(a: Fingerprint, b: Fingerprint): string[] {
  const out: string[] = [];
  const walk = (path: string, x: unknown, y: unknown) => {
    if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null && !Array.isArray(x)) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk(`${path}.${k}`, (x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]);
      return;
    }
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`${path}: ${JSON.stringify(x)} → ${JSON.stringify(y)}`);
  };
  walk('databases', a.databases, b.databases);
  walk('topics', a.topics, b.topics);
  walk('groups', a.groups, b.groups);
  walk('redis.persistent', a.redis.persistent, b.redis.persistent);
  return out;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'remove') return remove();
  if (command === 'fingerprint') {
    const print = await fingerprint();
    const text = `${JSON.stringify(print, null, 2)}\n`;
    if (args[0]) writeFileSync(args[0], text);
    else process.stdout.write(text);
    const tables = Object.values(print.databases).reduce((n, d) => n + (d === 'absent' ? 0 : Object.keys(d).length), 0);
    const rows = Object.values(print.databases).reduce((n, d) => n + (d === 'absent' ? 0 : Object.values(d).reduce((m, t) => m + t.rows, 0)), 0);
    process.stderr.write(`[instance] fingerprint of the user's data: ${Object.keys(print.databases).length} databases, ${tables} tables, ${rows} rows, ${Object.keys(print.topics).length} topics, ${Object.keys(print.groups).length} consumer groups, ${Object.keys(print.redis.persistent).length} persistent Redis keys\n`);
    return;
  }
  if (command === 'compare' && args.length === 2) {
    const [a, b] = args.map((f) => JSON.parse(readFileSync(f!, 'utf8')) as Fingerprint);
    const diff = differences(a!, b!);
    if (diff.length === 0) {
      process.stdout.write('identical: every table (rows and checksum), topic end offset, consumer group offset and persistent Redis key\n');
      return;
    }
    process.stdout.write(`${diff.length} differences:\n${diff.map((d) => `  ${d}`).join('\n')}\n`);
    process.exitCode = 1;
    return;
  }
  process.stderr.write('usage: instance remove | fingerprint [file] | compare <a.json> <b.json>\n');
  process.exitCode = 2;
}

main().catch((error: unknown) => {
  process.stderr.write(`[instance] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
