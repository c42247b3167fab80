/**
 * The HTTP surface every service gets from startService, on the runtime's
 * fixture service run as a real process (test/fixture-service: the real
 * bootstrap, RuntimeModule, AuthModule, its database and Kafka):
 *  - #18.8: it listens on loopback only by default; CORS answers only the configured origins, without credentials;
 *  - #18.7: a client's x-request-id is used only when short and plain, and never stored otherwise;
 *  - #18.6: rate limits per principal and per IP by route class, in Redis, 429 + Retry-After,
 *    refused before the guard (so an anonymous flood is not audited row by row), X-Forwarded-For not believed.
 * Real: the process, PostgreSQL, Kafka, Redis (keys under a unique prefix, deleted after). Faked: nothing.
 */
import { connect } from 'node:net';
import Redis from 'ioredis';
import { issueDevToken, type Principal } from '@tjc/auth';
import { expectEventually, redisPrefix, testInfra, uniqueName, type TestDatabase } from '@tjc/testing';
import { migratedDatabase } from '../../test/harness';
import { spawnFixture, type FixtureProcess } from '../../test/fixture-process';
import type { PrismaClient } from '../../test/generated/prisma/client';

jest.setTimeout(180_000);

const AUTH = { issuer: 'tjc-dev-issuer', audience: 'tjc-platform', devSecret: 'fixture-secret-fixture-secret-fixture-secret' };
const CONSOLE = 'http://console.test:3100';
const token = (sub: string) => issueDevToken(AUTH, { sub, name: sub, roles: ['ops'] } as Principal, 600);

describe('the HTTP surface of a service (startService)', () => {
  let sut: FixtureProcess;
  let db: TestDatabase;
  let prisma: PrismaClient;
  let redis: Redis;
  const prefix = redisPrefix('rl-surface').slice(0, -1);

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${sut.url}${path}`, { headers });
  const denials = async () => Number((await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM rt_audit WHERE action = 'access.denied'`))[0]!.n);

  beforeAll(async () => {
    const infra = await testInfra();
    ({ db, prisma } = await migratedDatabase('rt_surface'));
    redis = new Redis(infra.redisUrl);
    const namespace = uniqueName('surface').replace(/_/g, '-');
    sut = await spawnFixture({
      DATABASE_URL: db.url,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      REDIS_URL: infra.redisUrl,
      KAFKA_TOPIC_NAMESPACE: namespace,
      CONSUMER_GROUP: `${namespace}-group`,
      AUTH_DEV_SECRET: AUTH.devSecret,
      AUTH_DEV_ISSUER: AUTH.issuer,
      CORS_ORIGINS: CONSOLE,
      RATE_LIMIT_MODE: 'on',
      RATE_LIMIT_FAIL_MODE: 'closed',
      RATE_LIMIT_KEY_PREFIX: prefix,
      RATE_LIMIT_READ_PER_PRINCIPAL: '3',
      RATE_LIMIT_READ_PER_IP: '5',
      RATE_LIMIT_ANONYMOUS_PER_IP: '4',
    });
  });
  afterAll(async () => {
    await sut?.kill('SIGTERM');
    await prisma?.$disconnect();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await db?.drop();
  });

  it('listens on loopback only by default (HTTP_HOST): another loopback address is refused', async () => {
    // 127.0.0.2 is this machine too: a server on 0.0.0.0 accepts it, one on 127.0.0.1 does not.
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.2', port: sut.port });
      socket.once('connect', () => (socket.destroy(), resolve('connected')));
      socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(outcome).toBe('ECONNREFUSED');
    expect((await get('/health/live')).status).toBe(200);
  });

  it('answers CORS for the configured origin only, and never allows credentials', async () => {
    const preflight = (origin: string) => fetch(`${sut.url}/ops/dead-letters`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    const allowed = await preflight(CONSOLE);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect((await get('/health/live', { origin: 'https://evil.example' })).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps a short plain x-request-id, and replaces a long or odd one without storing it', async () => {
    expect((await get('/health/live', { 'x-request-id': 'batch-42:retry.1' })).headers.get('x-request-id')).toBe('batch-42:retry.1');
    const long = 'r'.repeat(6052);
    const replaced = (await get('/health/live', { 'x-request-id': long })).headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await get('/health/live', { 'x-request-id': 'a b<script>' })).headers.get('x-request-id')).not.toBe('a b<script>');
    // A denial is audited with the request id: ours, not the client's 6,052 characters (1 anonymous request of 4).
    expect((await get('/ops/dead-letters', { 'x-request-id': long })).status).toBe(401);
    const rows = await expectEventually(async () => {
      const found = await prisma.$queryRawUnsafe<{ request_id: string | null }[]>(`SELECT request_id FROM rt_audit WHERE action = 'access.denied'`);
      if (found.length === 0) throw new Error('no denial yet');
      return found;
    });
    expect(rows.map((r) => r.request_id)).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)]);
  });

  it('limits reads per principal and per IP: 429 with Retry-After, the scope that refused counted in /metrics', async () => {
    const [alice, bob] = [await token('alice'), await token('bob')];
    const read = async (t: string) => (await get('/ops/dead-letters', { authorization: `Bearer ${t}` })).status;
    expect([await read(alice), await read(alice), await read(alice)]).toEqual([200, 200, 200]);
    const limited = await get('/ops/dead-letters', { authorization: `Bearer ${alice}` });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ statusCode: 429, code: 'rate_limited', retryAfterSeconds: expect.any(Number) });
    // Bob has his own allowance, but this address has 5 reads a window: 3 were alice's, 2 are left.
    expect([await read(bob), await read(bob), await read(bob)]).toEqual([200, 200, 429]);
    const metrics = await (await get('/metrics')).text();
    expect(metrics).toMatch(/tjc_http_rate_limited_total\{class="read",scope="principal"[^}]*\} 1/);
    expect(metrics).toMatch(/tjc_http_rate_limited_total\{class="read",scope="ip"[^}]*\} 1/);
    // The probes and /metrics are never limited.
    for (let i = 0; i < 10; i++) expect((await get('/health/ready')).status).toBe(200);
  });

  it('refuses an anonymous flood before the guard: 429s are not written to the audit log; X-Forwarded-For is not believed', async () => {
    const before = await denials();
    // 1 of the 4 anonymous requests of the window went to the request-id test.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get('/ops/dead-letters', { 'x-forwarded-for': `198.51.100.${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    // Anonymous 401s are counted per route into a summary record (the first of a window in full, the runtime's
    // AnonymousDenials), and the 429s are never written: at most one new full record here.
    expect(await denials()).toBeLessThanOrEqual(before + 1);
    // A forged token is no principal: it is counted as anonymous too.
    expect((await get('/ops/dead-letters', { authorization: 'Bearer not-a-token' })).status).toBe(429);
  });

  // #19.10: OpenTelemetry's http.server.request.duration on every service, by route template and status; readiness as a gauge.
  it('measures every answered request by method, route template and status (refusals included), and exports readiness per check', async () => {
    for (let i = 0; i < 3; i++) expect((await get('/health/live')).status).toBe(200);
    const metrics = await (await get('/metrics')).text();
    const count = (labels: string) => Number(new RegExp(`^http_server_request_duration_seconds_count\\{(?:[a-z_]+="[^"]*",)*${labels}[^}]*\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? NaN);
    expect(count('http_request_method="GET",http_route="/health/live",http_response_status_code="200"')).toBeGreaterThanOrEqual(3);
    // The earlier tests' refusals: 429s and 401s of /ops/dead-letters, under the route's template.
    expect(count('http_request_method="GET",http_route="/ops/dead-letters",http_response_status_code="429"')).toBeGreaterThanOrEqual(1);
    expect(count('http_request_method="GET",http_route="/ops/dead-letters",http_response_status_code="401"')).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/^tjc_ready\{check="database"[^}]*\} 1$/m);
    expect(metrics).toMatch(/^tjc_ready\{check="consumer"[^}]*\} 1$/m);
    expect(metrics).toMatch(/^tjc_ready\{check="outbox"[^}]*\} 1$/m);
    // RATE_LIMIT_FAIL_MODE=closed: Redis is a dependency of every request, so of readiness.
    expect(metrics).toMatch(/^tjc_ready\{check="rate-limit-redis"[^}]*\} 1$/m);
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { 'rate-limit-redis': { status: 'up', connection: 'ready' }, outbox: { status: 'up' } } });
  });
});
