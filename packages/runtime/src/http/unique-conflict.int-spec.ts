/**
 * #18.11: concurrent duplicates answer 409 naming the field, never 500, for
 * every endpoint of every service — the runtime's exception filter maps a
 * unique violation no slice caught (http/unique-conflict.ts); and a
 * transaction that ran out of time waiting behind another is a 503 with
 * Retry-After (rolled back: the client sends it again), not a 500. Proven on the
 * fixture service run as a real process: its POST /records inserts by primary
 * key with no check first, so every duplicate reaches the database's unique
 * index, as the loser of a race between two checks does.
 * Real: the process, PostgreSQL (the index and pg_index), Kafka. Faked: nothing.
 */
import { testInfra, uniqueName, type TestDatabase } from '@tjc/testing';
import { migratedDatabase } from '../../test/harness';
import { spawnFixture, type FixtureProcess } from '../../test/fixture-process';
import type { PrismaClient } from '../../test/generated/prisma/client';

jest.setTimeout(240_000);

describe('a unique violation through HTTP (the platform exception filter)', () => {
  let sut: FixtureProcess;
  let db: TestDatabase;
  let prisma: PrismaClient;

  const create = (id: string, title: string) =>
    fetch(`${sut.url}/records`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, title }) }).then(async (res) => ({
      status: res.status,
      body: (await res.json()) as { errors?: { path: string; rule: string; message: string }[]; message?: string },
    }));

  beforeAll(async () => {
    const infra = await testInfra();
    ({ db, prisma } = await migratedDatabase('rt_unique'));
    const namespace = uniqueName('unique').replace(/_/g, '-');
    sut = await spawnFixture({
      DATABASE_URL: db.url,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      REDIS_URL: infra.redisUrl,
      KAFKA_TOPIC_NAMESPACE: namespace,
      CONSUMER_GROUP: `${namespace}-group`,
    });
  });
  afterAll(async () => {
    await sut?.kill('SIGTERM');
    await prisma?.$disconnect();
    await db?.drop();
  });

  it('answers 409 naming the field to the second of two identical creations', async () => {
    expect((await create('rec-1', '第一条')).status).toBe(201);
    const second = await create('rec-1', '第一条');
    expect(second.status).toBe(409);
    expect(second.body.errors).toEqual([{ path: 'id', rule: 'unique', message: expect.any(String) }]);
    expect(second.body.message).toContain('id');
  });

  it('answers 503 with Retry-After when the transaction outlives its timeout waiting for a lock, and stores nothing', async () => {
    const { Client } = await import('pg');
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    try {
      // Another writer holds the table longer than Prisma's transaction timeout (5 s): the insert waits and its transaction expires.
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE test_record IN EXCLUSIVE MODE');
      // Released after the timeout has passed (the blocked statement finishes only then; the transaction is already expired).
      const release = new Promise((r) => setTimeout(r, 6_500)).then(() => holder.query('COMMIT'));
      const res = await fetch(`${sut.url}/records`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'rec-late', title: '锁等待' }) });
      await release;
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await res.json()).toMatchObject({ statusCode: 503, code: 'overloaded' });
    } finally {
      await holder.end();
    }
    const rows = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM test_record WHERE id = 'rec-late'`);
    expect(Number(rows[0]!.n)).toBe(0);
    // Sent again once the lock is gone, it is stored.
    expect((await create('rec-late', '锁等待')).status).toBe(201);
  });

  it('answers one of several identical creations at once 201 and every other one 409, and stores one record', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => create('rec-race', '并发创建')));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.errors?.map((e) => e.path)).toEqual(['id']);
    const rows = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM test_record WHERE id = 'rec-race'`);
    expect(Number(rows[0]!.n)).toBe(1);
  });
});
