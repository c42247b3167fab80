/**
 * The platform end to end: signed partner batches into the partner gateway
 * (HTTP, Standard Webhooks signature, rate limiter, validation, partner_event
 * + outbox in one transaction) → outbox relay → `tjc.service.events.v1` →
 * the KPI service's reliable consumer (inbox claim, archive, recompute of the
 * year's lineage, all in one transaction) → visible in the KPI read model.
 *
 * "Visible" is the commit of the KPI consumer's transaction: the event's row
 * in `event_archive` and its lineage rows in `kpi_fact` commit together, so
 * the moment the archive row can be read is the moment
 * GET /kpi/:year/:code/lineage shows the event. The bench sees it by polling
 * the KPI database every 10 ms (so ≤ 10 ms of every latency is the poll).
 * The figures API (GET /kpi/:year) follows after the debounced rollup
 * (KPI_ROLLUP_DEBOUNCE_MS, 250 ms by default) and is not part of the number.
 *
 * Every round writes into its own business year, with the KPI "events"
 * (count-distinct activities) defined for that year: the KPI engine
 * re-evaluates a (year, KPI) from the archive on every event, so the cost of
 * an event grows with the events already in its year. A fresh year per round
 * keeps rounds comparable; the per-year volume is reported beside the rate.
 */
import { Client } from 'pg';
import { issueDevToken } from '@tjc/auth';
import type { PlatformEvent } from '@tjc/contracts';
import { ApiClient, HttpError, PartnerClient, type BatchResult } from '../src/scenario/clients';
import { SCENARIO_KPIS } from '../src/scenario/kpi';
import type { PrivateStack } from '../src/stack';
import { activityHeld } from './events';
import { percentile, sleep } from './stats';

const PARTNER = 'hebei-center';
const SOURCE = `partner/${PARTNER}` as const;
const KPI_CODE = 'events';

/** Sees the KPI consumer's commits: polls `event_archive` by its insertion sequence. */
export class ReadModelWatcher {
  private readonly client: Client;
  private readonly seenAt = new Map<string, number>();
  private maxSeq = 0n;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly pending = new Map<string, number>();

  constructor(databaseUrl: string) {
    this.client = new Client({ connectionString: databaseUrl, application_name: 'bench-watcher' });
  }

  async start(): Promise<void> {
    await this.client.connect();
    const { rows } = await this.client.query<{ max: string | null }>('SELECT max(seq)::text AS max FROM event_archive');
    this.maxSeq = BigInt(rows[0]?.max ?? '0');
    this.running = true;
    this.loop = this.poll();
  }

  /** Ids the bench is waiting for (only these are reported). */
  expect(ids: Iterable<string>): void {
    const now = performance.now();
    for (const id of ids) this.pending.set(id, now);
  }

  seen(id: string): number | undefined {
    return this.seenAt.get(id);
  }

  async waitFor(ids: readonly string[], timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const missing = ids.filter((id) => !this.seenAt.has(id)).length;
      if (missing === 0) return;
      if (performance.now() > deadline) throw new Error(`${missing} of ${ids.length} events did not reach the KPI read model within ${timeoutMs / 1000} s`);
      await sleep(20);
    }
  }

  private record(id: string, at: number): void {
    if (!this.pending.has(id)) return;
    this.pending.delete(id);
    this.seenAt.set(id, at);
  }

  private async poll(): Promise<void> {
    let lastSweep = performance.now();
    while (this.running) {
      // The window reaches 256 sequence numbers back: the consumer commits up
      // to 8 transactions at once, so a row can become visible after rows
      // with a higher seq; re-reading a short window catches it cheaply.
      const { rows } = await this.client.query<{ seq: string; id: string }>('SELECT seq::text AS seq, id FROM event_archive WHERE source = $1 AND seq > $2 ORDER BY event_archive.seq', [
        SOURCE,
        (this.maxSeq > 256n ? this.maxSeq - 256n : 0n).toString(),
      ]);
      const now = performance.now();
      for (const r of rows) {
        const seq = BigInt(r.seq);
        if (seq > this.maxSeq) this.maxSeq = seq;
        this.record(r.id, now);
      }
      // Rare stragglers that committed behind the window: looked up by id once a second.
      if (now - lastSweep > 1000 && this.pending.size > 0) {
        lastSweep = now;
        const old = [...this.pending].filter(([, since]) => now - since > 1000).map(([id]) => id);
        if (old.length > 0) {
          const found = await this.client.query<{ id: string }>('SELECT id FROM event_archive WHERE source = $1 AND id = ANY($2::text[])', [SOURCE, old]);
          for (const r of found.rows) this.record(r.id, performance.now());
        }
      }
      await sleep(10);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.client.end();
  }
}

export interface SaturationRound {
  readonly year: number;
  /** Events per second from the first request sent to the last event visible in the read model. */
  readonly rate: number;
  /** Events per second the gateway accepted (all requests answered): above `rate` when the pipeline behind it is the bottleneck. */
  readonly ingressRate: number;
  readonly events: number;
  readonly seconds: number;
}

export interface LatencyRun {
  readonly year: number;
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly samples: number;
}

export class PlatformDriver {
  private constructor(
    private readonly partner: PartnerClient,
    private readonly kpi: ApiClient,
    readonly watcher: ReadModelWatcher,
    private readonly log: (line: string) => void,
  ) {}

  static async start(stack: PrivateStack, log: (line: string) => void): Promise<PlatformDriver> {
    const s = stack.secrets;
    const secret = s.partnerSecrets[PARTNER]?.[0];
    if (secret === undefined) throw new Error(`the stack has no signing secret for ${PARTNER}`);
    const token = await issueDevToken({ issuer: s.authIssuer, audience: s.authAudience, devSecret: s.authDevSecret }, { sub: 'bench.chen.jing', name: '陈静', roles: ['center-admin'] });
    const watcher = new ReadModelWatcher(stack.databaseUrl('kpi'));
    await watcher.start();
    return new PlatformDriver(new PartnerClient(stack.service('partner-gateway').url, PARTNER, secret), new ApiClient('kpi', stack.service('kpi').url, token), watcher, log);
  }

  /** Defines the KPI that counts the bench's events for `year` and waits until the KPI service applied it. */
  async defineKpi(year: number): Promise<void> {
    const definition = SCENARIO_KPIS.find((k) => k.kpiCode === KPI_CODE);
    if (!definition) throw new Error(`no KPI ${KPI_CODE} in the scenario's definitions`);
    const { kpiCode, ...body } = definition;
    await this.kpi.put(`/kpi/targets/${year}/${kpiCode}`, body);
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await this.kpi.get(`/kpi/${year}/${kpiCode}/lineage?limit=1`);
        return;
      } catch (error) {
        if (!(error instanceof HttpError && error.status === 404) || Date.now() > deadline) throw error;
      }
      await sleep(200);
    }
  }

  private async send(events: readonly PlatformEvent[]): Promise<BatchResult> {
    const answer = await this.partner.send(events);
    if (answer.accepted !== events.length) {
      const refused = answer.results.find((r) => r.status !== 'accepted');
      throw new Error(`the gateway accepted ${answer.accepted} of ${events.length} events: ${JSON.stringify(refused)}`);
    }
    return answer;
  }

  /** Closed loop: `senders` parallel requests of `batch` events each, as fast as the gateway answers. */
  async saturate(year: number, options: { events: number; batch: number; senders: number; label: string }): Promise<SaturationRound> {
    const events = Array.from({ length: options.events }, (_, i) => activityHeld(SOURCE, year, options.label, i));
    const ids = events.map((e) => e.id);
    this.watcher.expect(ids);
    const batches: PlatformEvent[][] = [];
    for (let i = 0; i < events.length; i += options.batch) batches.push(events.slice(i, i + options.batch));
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: options.senders }, async () => {
        for (let b = next++; b < batches.length; b = next++) await this.send(batches[b]!);
      }),
    );
    const ingressDone = performance.now();
    await this.watcher.waitFor(ids, 600_000);
    const last = Math.max(...ids.map((id) => this.watcher.seen(id)!));
    const seconds = (last - started) / 1000;
    return { year, rate: options.events / seconds, ingressRate: options.events / ((ingressDone - started) / 1000), events: options.events, seconds };
  }

  /**
   * Open loop at a fixed rate: a signed request every `tickMs` carrying the
   * events due by then, sent whether or not the previous ones were answered;
   * latency counts from the scheduled instant (no coordinated omission).
   * Events of the first second are warm-up and not counted.
   */
  async latencyAt(year: number, rate: number, seconds: number, label: string): Promise<LatencyRun> {
    const tickMs = Math.max(50, Math.ceil(1000 / rate));
    const ticks = Math.max(1, Math.round((seconds * 1000) / tickMs));
    const scheduled = new Map<string, number>();
    const started = performance.now();
    const requests: Promise<BatchResult>[] = [];
    let sent = 0;
    for (let tick = 0; tick < ticks; tick++) {
      const at = started + tick * tickMs;
      const wait = at - performance.now();
      if (wait > 0) await sleep(wait);
      const due = Math.round((rate * (tick + 1) * tickMs) / 1000) - sent;
      if (due <= 0) continue;
      const events = Array.from({ length: due }, (_, i) => activityHeld(SOURCE, year, label, sent + i));
      sent += due;
      this.watcher.expect(events.map((e) => e.id));
      for (const e of events) scheduled.set(e.id, at);
      requests.push(this.send(events));
    }
    await Promise.all(requests);
    const ids = [...scheduled.keys()];
    await this.watcher.waitFor(ids, 300_000);
    const latencies = ids.filter((id) => scheduled.get(id)! - started >= 1000).map((id) => this.watcher.seen(id)! - scheduled.get(id)!);
    const run = { year, rate, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: Math.max(...latencies), samples: latencies.length };
    this.log(`platform latency at ${rate.toFixed(1)} events/s: p50 ${run.p50.toFixed(0)} ms, p99 ${run.p99.toFixed(0)} ms, max ${run.max.toFixed(0)} ms (${run.samples} events, ${tickMs} ms between requests)`);
    return run;
  }

  /** The year's figure as the KPI API serves it (bypassing the cache), to check the run counted every event. */
  async kpiValue(year: number): Promise<number> {
    const view = await this.kpi.get<{ kpis: readonly { kpiCode: string; value: number }[] }>(`/kpi/${year}?cache=bypass`);
    return view.kpis.find((k) => k.kpiCode === KPI_CODE)?.value ?? 0;
  }

  get kpiClient(): ApiClient {
    return this.kpi;
  }

  async stop(): Promise<void> {
    await this.watcher.stop();
  }
}
