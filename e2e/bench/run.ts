/**
 * The platform benchmark (issue #10, part 3): everything measured in one
 * run, on one machine, against one private stack (its own PostgreSQL, Redis,
 * Kafka and the six services as processes on ports 24101–24106), and written
 * to e2e/results/bench.json with the machine's description.
 *
 *   pnpm bench                     (sizes: see config.ts; BENCH_* variables for longer runs)
 *
 * Phases, in order (each says what it includes in its own file):
 *   1. raw kafkajs produce / consume / produce+consume and latency: the ceiling   raw-kafka.ts
 *   2. stock NestJS Kafka transport vs this runtime, same handler               consumer-compare.ts
 *   3. platform end to end, tracing off: max rate, the same without the KPI
 *      lineage recompute, latency at half the max rate, resident memory of
 *      each service meanwhile                                                     platform-e2e.ts, memory.ts
 *   4. KPI API from cache vs a bare Fastify route doing the same read            kpi-api.ts
 *   5. the services restarted with tracing on (OTLP to a local sink): max rate   trace-sink.ts
 *
 * A benchmark reports; it never fails on a number. It fails only when it
 * could not measure (a service refused events, a body differed, a timeout).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startPrivateStack, type PrivateStack } from '../src/stack';
import { BENCH } from './config';
import { compareConsumers } from './consumer-compare';
import { measureKpiApi } from './kpi-api';
import { describeMachine } from './machine';
import { currentRssMiB, RssSampler } from './memory';
import { PlatformDriver, type SaturationRound } from './platform-e2e';
import { measureRawKafka } from './raw-kafka';
import { Figures, ratio, tidy } from './stats';
import { TraceSink } from './trace-sink';

const t0 = performance.now();
const log = (line: string) => process.stdout.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

/**
 * One business year per platform round (see platform-e2e.ts), from 2020 up:
 * the contracts' Year is 2020–2100. A long run uses years after the current
 * one, so the private stack's gateway allows future business times
 * (PARTNER_MAX_FUTURE_S, below); the KPI engine's work does not depend on it.
 */
function yearAllocator(): () => number {
  let next = 2020;
  return () => {
    if (next > 2100) throw new Error('more platform rounds than KPI years (2020–2100): lower BENCH_ROUNDS');
    return next++;
  };
}

async function platformRounds(driver: PlatformDriver, takeYear: () => number, label: string, options: { defineKpi: boolean } = { defineKpi: true }): Promise<SaturationRound[]> {
  const rounds: SaturationRound[] = [];
  for (let r = 1; r <= BENCH.rounds; r++) {
    const year = takeYear();
    if (options.defineKpi) await driver.defineKpi(year);
    const round = await driver.saturate(year, { events: BENCH.e2eEvents, batch: BENCH.e2eBatch, senders: BENCH.e2eSenders, label: `${label}${r}` });
    rounds.push(round);
    const where = options.defineKpi ? 'KPI lineage' : 'KPI archive (no KPI counts them)';
    log(`platform ${label} round ${r}/${BENCH.rounds} (year ${year}): ${round.rate.toFixed(1)} events/s ingress → ${where} (${round.events} events in ${round.seconds.toFixed(1)} s; gateway accepted at ${round.ingressRate.toFixed(0)}/s)`);
  }
  return rounds;
}

async function restartServices(stack: PrivateStack, env: Readonly<Record<string, string | undefined>>): Promise<void> {
  await stack.stopServices('SIGTERM');
  for (const s of Object.values(stack.services)) s.updateEnv(env);
  await stack.startServices();
}

function printSummary(figures: Figures, ratios: Record<string, number>): void {
  const rows = Object.entries(figures.all).map(([name, f]) => [name, String(f.value), f.unit, f.rounds ? f.rounds.join(' / ') : ''] as const);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['figure', 'value', 'unit', 'rounds'][i]!.length));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  process.stdout.write(`\n${line(['figure', 'value', 'unit', 'rounds'])}\n${widths.map((w) => '─'.repeat(w)).join('  ')}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
  process.stdout.write('\nratios\n');
  for (const [k, v] of Object.entries(ratios)) process.stdout.write(`  ${k.padEnd(22)} ${Number.isFinite(v) ? v.toFixed(4) : 'not measured'}\n`);
}

async function main(): Promise<void> {
  const machine = describeMachine();
  const startedAt = new Date().toISOString();
  log(`machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.kernel}, load ${machine.loadAverageAtStart.join(' ')}`);
  log(`sizes: ${JSON.stringify(BENCH)}`);

  const stack = await startPrivateStack({
    name: 'bench',
    portBase: BENCH.portBase,
    log: (line) => log(`stack: ${line}`),
    serviceEnv: {
      // The gateway's per-partner limits (120 requests, 5000 events a minute)
      // would cap the ingress far below what we measure: raised, not removed
      // (the limiter still runs its Redis token bucket on every request).
      PARTNER_RATE_REQUESTS_PER_MIN: '10000000',
      PARTNER_RATE_EVENTS_PER_MIN: '100000000',
      // Rounds write into business years of their own, past the current one on a long run (see yearAllocator).
      PARTNER_MAX_FUTURE_S: String(100 * 366 * 86_400),
      // No cache entry may expire during the KPI API runs (default 60 s).
      KPI_CACHE_TTL_SECONDS: '3600',
    },
  });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stack.stop().then(() => {
    log('stack stopped and removed');
  }));
  const onSignal = () => void stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const figures = new Figures();
  const ratios: Record<'e2eVsRawKafka' | 'runtimeVsStockNest' | 'kpiApiVsBareFastify' | 'tracingOnVsOff', number> = {
    e2eVsRawKafka: Number.NaN,
    runtimeVsStockNest: Number.NaN,
    kpiApiVsBareFastify: Number.NaN,
    tracingOnVsOff: Number.NaN,
  };
  const details: Record<string, unknown> = {};
  let driver: PlatformDriver | undefined;
  try {
    // 1. The ceiling.
    log('phase 1/5: raw kafkajs on the platform topic layout');
    const raw = await measureRawKafka(stack.kafka.brokers, { rounds: BENCH.rounds, messages: BENCH.rawKafkaMessages, latencySeconds: BENCH.latencySeconds }, log);
    figures.median('raw.kafka.produce.throughput', raw.produce, 'messages/s', `idempotent producer, acks=all, sends of 500, ${raw.partitions} partitions, ${raw.messageBytes}-byte envelopes`);
    figures.median('raw.kafka.consume.throughput', raw.consume, 'messages/s', 'eachBatch, counting only, a new group from its join to the last message');
    const rawPipeline = figures.median('raw.kafka.e2e.throughput', raw.pipeline, 'messages/s', 'producer and joined consumer at once: first send → last message received');
    figures.set('raw.kafka.e2e.latency.rate', raw.latency.rate, 'messages/s', 'open-loop send rate of the latency run: half of raw.kafka.e2e.throughput');
    figures.set('raw.kafka.e2e.latency.p50', raw.latency.p50, 'ms');
    figures.set('raw.kafka.e2e.latency.p99', raw.latency.p99, 'ms');

    // 2. Stock NestJS transport vs runtime, same handler.
    log('phase 2/5: consumers with the same one-row handler (packages/runtime/bench)');
    const consumers = await compareConsumers(stack, { events: BENCH.consumerEvents, rounds: BENCH.rounds }, log);
    figures.median('consumer.rawKafkajsEachBatch.throughput', consumers.samples.rawKafkajsEachBatch, 'events/s', 'kafkajs eachBatch + one INSERT per message, no transaction');
    const stock = figures.median('consumer.stockNestKafka.throughput', consumers.samples.stockNestKafka, 'events/s', '@nestjs/microservices Transport.KAFKA, @EventPattern, one INSERT');
    const rt = figures.median('consumer.runtime.throughput', consumers.samples.runtime, 'events/s', 'ReliableKafkaServer: validation, inbox claim + INSERT in one transaction');
    if (consumers.outboxRelayLatencyMs) {
      figures.set('outbox.relay.latency.p50', consumers.outboxRelayLatencyMs.p50, 'ms', 'commit → consumer, one event per transaction');
      figures.set('outbox.relay.latency.p99', consumers.outboxRelayLatencyMs.p99, 'ms');
    }
    ratios.runtimeVsStockNest = ratio(rt, stock);

    // 3. The platform end to end, tracing off.
    log('phase 3/5: platform end to end (partner gateway → KPI lineage), tracing off');
    const takeYear = yearAllocator();
    driver = await PlatformDriver.start(stack, log);
    const idle = currentRssMiB(stack);
    const sampler = new RssSampler(stack);
    sampler.start();
    const latencyYear = takeYear();
    await driver.defineKpi(latencyYear);
    // Warm-up (JIT, pools, consumer fetch loops), written into the latency run's year and not counted.
    await driver.saturate(latencyYear, { events: Math.min(100, BENCH.e2eEvents), batch: BENCH.e2eBatch, senders: BENCH.e2eSenders, label: 'warm' });
    const off = await platformRounds(driver, takeYear, 'off');
    const e2e = figures.median('platform.e2e.throughput', off.map((r) => r.rate), 'events/s', `signed partner batches of ${BENCH.e2eBatch}, ${BENCH.e2eSenders} in parallel → visible in the KPI lineage; ${BENCH.e2eEvents} events per round, one business year per round`);
    figures.median('platform.e2e.ingress.throughput', off.map((r) => r.ingressRate), 'events/s', 'rate the gateway accepted the same rounds at (its answers, not the read model)');
    // The same path minus the KPI recompute: years where no KPI is defined, so
    // the KPI consumer archives each event and stops. The gap to the figure
    // above is what re-evaluating a year's lineage per event costs.
    const archiveOnly = await platformRounds(driver, takeYear, 'archive-only', { defineKpi: false });
    figures.median('platform.e2e.throughput.archiveOnly', archiveOnly.map((r) => r.rate), 'events/s', 'as platform.e2e.throughput, in years with no KPI defined: the KPI consumer archives and stops (no lineage recompute)');
    const latency = await driver.latencyAt(latencyYear, e2e / 2, BENCH.latencySeconds, 'lat');
    figures.set('platform.e2e.latency.rate', latency.rate, 'events/s', 'open-loop send rate of the latency run: half of platform.e2e.throughput');
    figures.set('platform.e2e.latency.p50', latency.p50, 'ms', 'scheduled send → visible in the KPI lineage');
    figures.set('platform.e2e.latency.p99', latency.p99, 'ms');
    sampler.stop();
    for (const [name, mib] of sampler.peaksMiB()) figures.set(`memory.rss.${name}`, mib, 'MiB', `peak while loaded (phase 3, tracing off); idle before: ${tidy(idle.get(name) ?? Number.NaN)} MiB`);
    ratios.e2eVsRawKafka = ratio(e2e, rawPipeline);
    const firstYear = off[0]?.year;
    if (firstYear !== undefined) {
      // Sanity check through the public API: every event of a round was counted (rollup debounce: wait a little).
      const deadline = Date.now() + 30_000;
      let value = await driver.kpiValue(firstYear);
      while (value !== BENCH.e2eEvents && Date.now() < deadline) value = await new Promise((r) => setTimeout(r, 500)).then(() => driver!.kpiValue(firstYear));
      if (value !== BENCH.e2eEvents) throw new Error(`KPI "events" of ${firstYear} is ${value}, expected ${BENCH.e2eEvents}: the platform lost or double-counted events`);
      log(`check: GET /kpi/${firstYear} counts ${value} events, as sent`);

      // 4. KPI API, on a year with figures (no writes to it from here on).
      log('phase 4/5: KPI API from the Redis cache vs a bare Fastify route');
      const api = await measureKpiApi(stack, firstYear, { rounds: BENCH.rounds, seconds: BENCH.apiSeconds, connections: BENCH.apiConnections }, log);
      const apiRps = figures.median('kpiApi.cached.throughput', api.service.map((r) => r.rps), 'requests/s', `GET /kpi/${firstYear} (x-cache: hit), ${BENCH.apiConnections} connections, ${BENCH.apiSeconds} s runs, ${api.bodyBytes}-byte body`);
      figures.median('kpiApi.cached.latency.p99', api.service.map((r) => r.p99), 'ms', 'median of the rounds’ p99');
      const bareRps = figures.median('bareFastify.cached.throughput', api.bare.map((r) => r.rps), 'requests/s', 'GET gen + HGET of the same Redis keys, reply the stored JSON (bare-kpi-server.ts)');
      figures.median('bareFastify.cached.latency.p99', api.bare.map((r) => r.p99), 'ms', 'median of the rounds’ p99');
      ratios.kpiApiVsBareFastify = ratio(apiRps, bareRps);
    }

    // 5. Tracing on.
    log('phase 5/5: services restarted with tracing on (OTLP/HTTP to a local sink)');
    const sink = await TraceSink.start();
    try {
      await restartServices(stack, { OTEL_SDK_DISABLED: undefined, OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint });
      await driver.saturate(latencyYear, { events: Math.min(100, BENCH.e2eEvents), batch: BENCH.e2eBatch, senders: BENCH.e2eSenders, label: 'warm-traced' });
      const on = await platformRounds(driver, takeYear, 'traced');
      const traced = figures.median('platform.e2e.throughput.tracingOn', on.map((r) => r.rate), 'events/s', 'as platform.e2e.throughput, every service exporting every span (OTLP/HTTP JSON, batch processor)');
      ratios.tracingOnVsOff = ratio(traced, e2e);
      await new Promise((r) => setTimeout(r, 6_000)); // the batch span processors export every 5 s
      if (sink.requests === 0) throw new Error('tracing was switched on but no service exported a span: the tracing-on figure would be meaningless');
      details['traceExport'] = { requests: sink.requests, kib: Math.round(sink.bytes / 1024) };
      log(`tracing on: ${traced.toFixed(1)} events/s (off: ${e2e.toFixed(1)}); ${sink.requests} OTLP exports, ${Math.round(sink.bytes / 1024)} KiB`);
    } finally {
      await sink.close();
    }

    details['platformRounds'] = { off, archiveOnly, latency };
    details['consumerBench'] = { events: consumers.events, rounds: consumers.rounds };
  } finally {
    await driver?.stop().catch(() => undefined);
    await stop();
  }

  const durationSeconds = Math.round((performance.now() - t0) / 1000);
  const result = {
    machine,
    figures: figures.all,
    ratios: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, Number.isFinite(v) ? Number(v.toPrecision(4)) : null])),
    run: { startedAt, durationSeconds, sizes: BENCH, medianOf: `${BENCH.rounds} rounds`, ...details },
  };
  const out = path.join(__dirname, '..', 'results', 'bench.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  printSummary(figures, ratios);
  log(`wrote ${path.relative(process.cwd(), out)} (${durationSeconds} s in all; medians of ${BENCH.rounds} rounds where a figure is a rate)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
