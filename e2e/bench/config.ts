/**
 * Sizes of the platform benchmark, read once from the environment. The
 * defaults are the (#16): a year holding 10,000 events, the curve at
 * 0 / 1,000 / 10,000 / 50,000, a rebuild of 100,000; smaller ones for a quick
 * look, e.g.
 *
 *   BENCH_ROUNDS=1 BENCH_CURVE_SIZES=0,1000 BENCH_REBUILD_EVENTS=5000 BENCH_E2E_YEAR_HOLDS=1000 pnpm bench
 */
function intFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

export const BENCH = {
  /** Rounds of every rate (medians are reported; the machine is shared and noisy). */
  rounds: intFromEnv('BENCH_ROUNDS', 3, 1),
  /** Messages per round of the raw kafkajs produce / consume / pipeline measurements. */
  rawKafkaMessages: intFromEnv('BENCH_RAW_MESSAGES', 20_000, 100),
  /** Rows per round of the raw pg batched-insert ceiling, and its connections. */
  rawPgRows: intFromEnv('BENCH_RAW_PG_ROWS', 20_000, 500),
  rawPgConnections: intFromEnv('BENCH_RAW_PG_CONNECTIONS', 4, 1),
  /** Seconds of each open-loop latency run at least (raw Kafka and platform; the platform's runs until it has 1,000 samples). */
  latencySeconds: intFromEnv('BENCH_LATENCY_SECONDS', 15, 2),
  /** Events per platform round, fed as a bulk partner feeds: the gateway's largest batch, several senders at once. */
  e2eEvents: intFromEnv('BENCH_E2E_EVENTS', 5_000, 10),
  e2eBatch: intFromEnv('BENCH_E2E_BATCH', 500, 1),
  e2eSenders: intFromEnv('BENCH_E2E_SENDERS', 4, 1),
  /** Events the rounds' year holds before they start (the KPIs defined for it). */
  e2eYearHolds: intFromEnv('BENCH_E2E_YEAR_HOLDS', 10_000, 0),
  /** Events already in a year when the KPI consumer's cost per event is measured, and the events measured at each. */
  curveSizes: (process.env['BENCH_CURVE_SIZES'] ?? '0,1000,10000,50000').split(',').map((x) => Number(x.trim())),
  curveProbe: intFromEnv('BENCH_CURVE_PROBE', 2_000, 100),
  /** Seconds of load above capacity, and how many times the measured ingress rate is offered. */
  overloadSeconds: intFromEnv('BENCH_OVERLOAD_SECONDS', 20, 2),
  overloadFactor: intFromEnv('BENCH_OVERLOAD_FACTOR', 3, 2),
  /** Archived events the KPI rebuild reads (the archive is topped up to this many in years with KPIs). */
  rebuildEvents: intFromEnv('BENCH_REBUILD_EVENTS', 100_000, 100),
  /** Events per round of the consumer comparison (packages/runtime/bench). */
  consumerEvents: intFromEnv('BENCH_CONSUMER_EVENTS', 5_000, 100),
  /** Seconds and connections of each autocannon run against the KPI API and the bare route. */
  apiSeconds: intFromEnv('BENCH_API_SECONDS', 5, 1),
  apiConnections: intFromEnv('BENCH_API_CONNECTIONS', 20, 1),
  /** Private stack ports (24101–24106, Kafka 25092, PG 24432, Redis 24379): clear of the shared platform and the fault suite (23100). */
  portBase: intFromEnv('BENCH_PORT_BASE', 24100, 1024),
} as const;

if (BENCH.curveSizes.some((n) => !Number.isSafeInteger(n) || n < 0)) throw new Error(`BENCH_CURVE_SIZES must be a comma-separated list of integers >= 0, got "${process.env['BENCH_CURVE_SIZES']}"`);

export type BenchConfig = typeof BENCH;
