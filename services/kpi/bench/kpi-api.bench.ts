/**
 * KPI API latency under load, from the Redis cache (and, for comparison,
 * bypassing it). Starts the real service (PostgreSQL, Kafka, Redis) on a
 * fresh database, plays a 2024 in the size of the plan's targets (≈10
 * projects, 6 consortia, 12 transfers, 800 person-times in 40 sessions, 12
 * activities), waits for the rollups, warms the cache, then runs autocannon.
 *
 *   pnpm --filter @tjc/kpi bench        (BENCH_SECONDS, BENCH_CONNECTIONS to change the load)
 *
 * A benchmark reports; it asserts nothing.
 */
import type { PlatformEvent } from '@tjc/contracts';
import { activity, consortium, eventually, projectFound, seededTargets2024, setTargets, startKpiForTest, training, transfer, values, type KpiTestContext } from '../src/testing/kpi-harness';

interface AutocannonResult {
  requests: { average: number; mean: number; total: number };
  latency: { average: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  duration: number;
}
type Autocannon = (opts: { url: string; connections: number; duration: number; headers: Record<string, string> }) => Promise<AutocannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- autocannon ships no types
const autocannon = require('autocannon') as Autocannon;

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 20);

let ctx: KpiTestContext;
afterAll(() => ctx?.stop());

function year2024(): PlatformEvent[] {
  const t = (month: number, day: number) => `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00+08:00`;
  const events: PlatformEvent[] = [];
  for (let i = 1; i <= 10; i++) events.push(projectFound(`rp-2024-${i}`, { time: t(1 + (i % 12), 5) }));
  for (let i = 1; i <= 6; i++) events.push(consortium(`cs-2024-${i}`, { id: `ent-${i % 5}`, region: 'tianjin', isKeyEnterprise: true }, { time: t(2 + i, 8) }));
  for (let i = 1; i <= 12; i++) events.push(transfer(`tr-2024-${i}`, i % 4 === 0 ? 'tianjin' : i % 2 ? 'beijing' : 'hebei', { time: t(i, 12) }));
  for (let s = 1; s <= 40; s++) events.push(training(`ts-2024-${s}`, Array.from({ length: 20 }, (_, k) => `en-${s}-${k}`), { time: t(1 + (s % 12), 20) }));
  for (let i = 1; i <= 12; i++) events.push(activity(`act-2024-${i}`, { time: t(i, 25) }, i % 3 ? 'supply-demand-matching' : 'financing-roadshow'));
  return events;
}

async function run(label: string, path: string): Promise<Record<string, number | string>> {
  const result = await autocannon({ url: `${ctx.sut.url}${path}`, connections: CONNECTIONS, duration: SECONDS, headers: { authorization: `Bearer ${ctx.tokens.reader}` } });
  return {
    scenario: label,
    path,
    'requests/s (avg)': Math.round(result.requests.average),
    'latency avg ms': result.latency.average,
    'p50 ms': result.latency.p50,
    'p90 ms': result.latency.p90,
    'p99 ms': result.latency.p99,
    'max ms': result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

it(`GET /kpi/2024 under load (${CONNECTIONS} connections, ${SECONDS} s)`, async () => {
  ctx = await startKpiForTest({ LOG_LEVEL: 'warn', KPI_CACHE_TTL_SECONDS: '3600' });
  await setTargets(ctx, seededTargets2024());
  await ctx.sut.events.publish(...year2024());
  await eventually(async () => expect(await values(ctx, 2024, '?cache=bypass')).toEqual({ 'disruptive-projects': 10, 'key-enterprises-joint-research': 5, 'achievements-landed': 9, trainees: 800, events: 12 }), 120_000);

  const warm = await ctx.sut.http('GET', '/kpi/2024', undefined, ctx.tokens.reader);
  const hit = await ctx.sut.http('GET', '/kpi/2024', undefined, ctx.tokens.reader);
  const results = [await run('cached (Redis)', '/kpi/2024'), await run('cache bypassed (rollups in PostgreSQL)', '/kpi/2024?cache=bypass')];
  process.stdout.write(
    `\nKPI API benchmark — ${CONNECTIONS} connections, ${SECONDS} s each, response ${Buffer.byteLength(JSON.stringify(warm.body))} bytes, cache after warm-up: ${hit.headers.get('x-cache')}\n${JSON.stringify(results, null, 2)}\n`,
  );
  console.table(results);
});
