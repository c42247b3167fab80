/**
 * KPI API from the Redis cache vs a bare Fastify route doing the same read
 * (bare-kpi-server.ts says exactly what it does), both with autocannon from
 * this process, the same connections and duration, rounds interleaved
 * (service, bare, service, bare, …) so a noisy minute hits both alike.
 *
 * Before measuring: the year's answer is cached (a second GET answers
 * x-cache: hit) and the bare route returns byte-for-byte the same body, so
 * both sides really serve the same cached value. Nothing writes to that year
 * meanwhile, so the cache stays valid (KPI_CACHE_TTL_SECONDS is raised by
 * run.ts so no entry expires mid-run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { issueDevToken } from '@tjc/auth';
import { freePort, waitForPort, type PrivateStack } from '../src/stack';
import { median } from './stats';

export interface ApiRun {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

export interface KpiApiResult {
  readonly service: ApiRun[];
  readonly bare: ApiRun[];
  readonly bodyBytes: number;
}

async function load(url: string, headers: Record<string, string>, seconds: number, connections: number): Promise<ApiRun> {
  const r = await autocannon({ url, headers, duration: seconds, connections });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

async function getBody(url: string, headers: Record<string, string>): Promise<{ body: string; cache: string | null }> {
  const res = await fetch(url, { headers });
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${url} → ${res.status}: ${body.slice(0, 300)}`);
  return { body, cache: res.headers.get('x-cache') };
}

function startBare(port: number, redisUrl: string): ChildProcess {
  const e2eRoot = path.join(__dirname, '..');
  return spawn(process.execPath, ['--conditions=@tjc/source', '-r', '@swc-node/register', path.join(__dirname, 'bare-kpi-server.ts')], {
    cwd: e2eRoot,
    // The stack starts the KPI service without REDIS_PREFIX, i.e. with its default `tjc-kpi`.
    env: { PATH: process.env['PATH'], BARE_PORT: String(port), BARE_REDIS_URL: redisUrl, BARE_REDIS_PREFIX: 'tjc-kpi' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function measureKpiApi(stack: PrivateStack, year: number, options: { rounds: number; seconds: number; connections: number }, log: (line: string) => void): Promise<KpiApiResult> {
  const s = stack.secrets;
  const token = await issueDevToken({ issuer: s.authIssuer, audience: s.authAudience, devSecret: s.authDevSecret }, { sub: 'bench.reader', name: '基准读者', roles: ['reader'] });
  const auth = { authorization: `Bearer ${token}` };
  const serviceUrl = `${stack.service('kpi').url}/kpi/${year}`;

  await getBody(serviceUrl, auth); // warms the cache (a miss computes and stores it)
  const warm = await getBody(serviceUrl, auth);
  if (warm.cache !== 'hit') throw new Error(`the KPI API answers x-cache: ${warm.cache} after warm-up; the comparison needs a cache hit`);

  const port = await freePort();
  const bare = startBare(port, stack.redis.url);
  try {
    await waitForPort(port, 60_000);
    const bareUrl = `http://127.0.0.1:${port}/kpi/${year}`;
    const bareBody = await getBody(bareUrl, {});
    if (bareBody.body !== warm.body) throw new Error('the bare route does not return the body the KPI service serves: the comparison would not be fair');
    log(`KPI API: same cached body on both sides (${Buffer.byteLength(warm.body)} bytes, year ${year}); ${options.connections} connections, ${options.seconds} s per run`);

    // A short warm-up of each side (JIT, connection pools) that is not counted.
    await load(serviceUrl, auth, 1, options.connections);
    await load(bareUrl, {}, 1, options.connections);
    const result: KpiApiResult = { service: [], bare: [], bodyBytes: Buffer.byteLength(warm.body) };
    for (let round = 1; round <= options.rounds; round++) {
      const a = await load(serviceUrl, auth, options.seconds, options.connections);
      const b = await load(bareUrl, {}, options.seconds, options.connections);
      if (a.non2xx + a.errors + b.non2xx + b.errors > 0) throw new Error(`failed requests during the KPI API run: service ${a.non2xx} non-2xx/${a.errors} errors, bare ${b.non2xx}/${b.errors}`);
      result.service.push(a);
      result.bare.push(b);
      log(`KPI API round ${round}/${options.rounds}: service ${a.rps.toFixed(0)} req/s p99 ${a.p99} ms; bare Fastify ${b.rps.toFixed(0)} req/s p99 ${b.p99} ms`);
    }
    const after = await getBody(serviceUrl, auth);
    if (after.cache !== 'hit') log(`warning: the KPI API answered x-cache: ${after.cache} after the runs (an entry expired or was invalidated mid-run)`);
    log(`KPI API medians: service ${median(result.service.map((r) => r.rps)).toFixed(0)} req/s, bare ${median(result.bare.map((r) => r.rps)).toFixed(0)} req/s`);
    return result;
  } finally {
    const exited = new Promise<void>((resolve) => (bare.exitCode !== null ? resolve() : bare.once('exit', () => resolve())));
    bare.kill('SIGTERM');
    await exited;
  }
}
