/**
 * Sizes of the platform benchmark, read once from the environment. The
 * defaults keep the whole run (stack start included) within about eight
 * minutes on a shared 2-core machine; raise them for a longer, steadier run:
 *
 *   BENCH_ROUNDS=5 BENCH_E2E_EVENTS=1000 BENCH_LATENCY_SECONDS=60 pnpm bench
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
  /** Seconds of each open-loop latency run (raw Kafka and platform). */
  latencySeconds: intFromEnv('BENCH_LATENCY_SECONDS', 15, 2),
  /** Events per platform saturation round (one business year per round: see platform-e2e.ts). */
  e2eEvents: intFromEnv('BENCH_E2E_EVENTS', 200, 10),
  /** Events per signed partner request while saturating, and parallel requests. */
  e2eBatch: intFromEnv('BENCH_E2E_BATCH', 20, 1),
  e2eSenders: intFromEnv('BENCH_E2E_SENDERS', 4, 1),
  /** Events per round of the consumer comparison (packages/runtime/bench). */
  consumerEvents: intFromEnv('BENCH_CONSUMER_EVENTS', 2000, 100),
  /** Seconds and connections of each autocannon run against the KPI API and the bare route. */
  apiSeconds: intFromEnv('BENCH_API_SECONDS', 5, 1),
  apiConnections: intFromEnv('BENCH_API_CONNECTIONS', 20, 1),
  /** Private stack ports (24101–24106, Kafka 25092, PG 24432, Redis 24379): clear of the shared platform and the fault suite (23100). */
  portBase: intFromEnv('BENCH_PORT_BASE', 24100, 1024),
} as const;

export type BenchConfig = typeof BENCH;
