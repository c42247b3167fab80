/**
 * The platform end to end: signed partner batches into the partner gateway
 * (HTTP, Standard Webhooks signature, rate limiter, validation, partner_event
 * + outbox in a few statements) → outbox relay → `tjc.service.events.v1` →
 * the KPI service's batch consumer (one multi-row inbox claim, the archive
 * and the incremental evaluation of every KPI counting the events, in one
 * transaction per partition batch) → visible in the KPI read model.
 *
 * "Visible" is the commit of the KPI consumer's transaction: an event's row
 * in `event_archive` and its facts in the KPI evaluations commit together,
 * so the moment the archive row can be read is the moment
 * GET /kpi/:year/:code/lineage shows the event. The bench sees it by polling
 * the KPI database (every 10 ms per event in the latency run, a count every
 * 50 ms in the bulk feeds), so that much of every figure is the poll.
 *
 * Each purpose writes into its own business year with the KPI "events"
 * (count-distinct activities) defined for it; the year-size curve reads the
 * KPI consumer's own handler histogram (tjc_event_handler_duration_seconds),
 * so the gateway and the relay are not in the per-event cost.
 */
import { Client } from 'pg';
import { issueDevToken } from '@tjc/auth';
import type { PlatformEvent } from '@tjc/contracts';
import { ApiClient, HttpError, PartnerClient, type BatchResult } from '../src/scenario/clients';
import { SCENARIO_KPIS } from '../src/scenario/kpi';
import type { PrivateStack } from '../src/stack';
import { activityHeld, BENCH_EVENT_TYPE } from './events';
import { percentile, sleep } from './stats';

const PARTNER = 'hebei-center';
const SOURCE = `partner/${PARTNER}` as const;
const KPI_CODE = 'events';

/** Sees the KPI consumer's commits: polls `event_archive` by its insertion sequence. */
export class ReadModelWatcher {
  private client: Client | undefined;
  private readonly seenAt = new Map<string, number>();
  private maxSeq = 0n;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly pending = new Map<string, number>();

  constructor(private readonly databaseUrl: string) {}

  async start(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'bench-watcher' });
    await client.connect();
    this.client = client;
    const { rows } = await client.query<{ max: string | null }>('SELECT max(seq)::text AS max FROM event_archive');
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
      const { rows } = await this.client!.query<{ seq: string; id: string }>('SELECT seq::text AS seq, id FROM event_archive WHERE source = $1 AND seq > $2 ORDER BY event_archive.seq', [
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
          const found = await this.client!.query<{ id: string }>('SELECT id FROM event_archive WHERE source = $1 AND id = ANY($2::text[])', [SOURCE, old]);
          for (const r of found.rows) this.record(r.id, performance.now());
        }
      }
      await sleep(10);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.client?.end();
    this.client = undefined;
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

/** What the gateway answered over a run of requests, by kind. */
export interface OverloadRun {
  readonly seconds: number;
  readonly offeredEventsPerSecond: number;
  readonly acceptedEventsPerSecond: number;
  readonly requests: number;
  readonly accepted: number;
  readonly status503: number;
  readonly status429: number;
  readonly status5xxOther: number;
  readonly transportErrors: number;
  /** Requests not sent because the client already had `maxOutstanding` unanswered (the offered load the client could not put on the wire). */
  readonly notSent: number;
  readonly byStatus: Record<string, number>;
}

/** The KPI consumer's handler time per event (its transaction included), from its own Prometheus histogram. */
export interface HandlerCost {
  readonly sum: number;
  readonly count: number;
}

export class PlatformDriver {
  private constructor(
    private readonly partner: PartnerClient,
    private readonly kpi: ApiClient,
    readonly watcher: ReadModelWatcher,
    private readonly db: Client,
    private readonly kpiUrl: string,
    private readonly log: (line: string) => void,
  ) {}

  static async start(stack: PrivateStack, log: (line: string) => void): Promise<PlatformDriver> {
    const s = stack.secrets;
    const secret = s.partnerSecrets[PARTNER]?.[0];
    if (secret === undefined) throw new Error(`the stack has no signing secret for ${PARTNER}`);
    const token = await issueDevToken({ issuer: s.authIssuer, audience: s.authAudience, devSecret: s.authDevSecret }, { sub: 'bench.chen.jing', name: '陈静', roles: ['center-admin'] });
    // Started by the latency run only: its 10 ms poll would be load on the system the bulk feeds measure.
    const watcher = new ReadModelWatcher(stack.databaseUrl('kpi'));
    const db = new Client({ connectionString: stack.databaseUrl('kpi'), application_name: 'bench-counter' });
    await db.connect();
    const kpiUrl = stack.service('kpi').url;
    return new PlatformDriver(new PartnerClient(stack.service('partner-gateway').url, PARTNER, secret), new ApiClient('kpi', kpiUrl, token), watcher, db, kpiUrl, log);
  }

  /** Events of the bench's partner archived by the KPI service for `year` (committed with their lineage: see the header). */
  async archived(year: number): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*)::text AS n FROM event_archive WHERE source = $1 AND biz_year = $2', [SOURCE, year]);
    return Number(rows[0]!.n);
  }

  /**
   * A bulk partner: `events` events of `year` in signed batches of `batch`
   * (the largest the gateway takes), `senders` requests at once, generated
   * batch by batch; timed from the first request to the moment the KPI
   * archive holds all of them (polled every 50 ms).
   */
  async feed(year: number, options: { events: number; batch: number; senders: number; label: string }): Promise<SaturationRound> {
    const before = await this.archived(year);
    const batches = Math.ceil(options.events / options.batch);
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: options.senders }, async () => {
        for (let b = next++; b < batches; b = next++) {
          const from = b * options.batch;
          const size = Math.min(options.batch, options.events - from);
          await this.sendPatiently(Array.from({ length: size }, (_, i) => activityHeld(SOURCE, year, options.label, from + i)));
        }
      }),
    );
    const ingressDone = performance.now();
    const deadline = performance.now() + 900_000;
    for (;;) {
      const n = (await this.archived(year)) - before;
      if (n >= options.events) break;
      if (performance.now() > deadline) throw new Error(`${options.events - n} of ${options.events} events of ${year} did not reach the KPI archive within 900 s`);
      await sleep(50);
    }
    const seconds = (performance.now() - started) / 1000;
    return { year, rate: options.events / seconds, ingressRate: options.events / ((ingressDone - started) / 1000), events: options.events, seconds };
  }

  /** Sends a batch, waiting out 429/503 + Retry-After as the partner guide says (a preload must not fail on backpressure). */
  private async sendPatiently(events: readonly PlatformEvent[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.send(events);
        return;
      } catch (error) {
        if (!(error instanceof HttpError && (error.status === 429 || error.status === 503)) || attempt >= 20) throw error;
        await sleep(1000);
      }
    }
  }

  /** The KPI consumer's handler histogram for the bench's event type, summed over its label sets (GET /metrics). */
  async kpiHandlerCost(): Promise<HandlerCost> {
    const text = await (await fetch(`${this.kpiUrl}/metrics`)).text();
    let sum = 0;
    let count = 0;
    for (const line of text.split('\n')) {
      if (!line.startsWith('tjc_event_handler_duration_seconds_') || !line.includes(`type="${BENCH_EVENT_TYPE}"`)) continue;
      const value = Number(line.slice(line.lastIndexOf(' ') + 1));
      if (line.startsWith('tjc_event_handler_duration_seconds_sum')) sum += value;
      else if (line.startsWith('tjc_event_handler_duration_seconds_count')) count += value;
    }
    return { sum, count };
  }

  /**
   * Open loop above capacity: every `tickMs` a signed batch is sent whatever
   * happened to the earlier ones (up to `maxOutstanding` unanswered), for
   * `seconds`. Reports what the gateway accepted and how it refused the rest:
   * 503 + Retry-After (and 429) are the honest answers; any other 5xx is a defect.
   */
  async overload(year: number, options: { seconds: number; offeredEventsPerSecond: number; batch: number; maxOutstanding: number; label: string }): Promise<OverloadRun> {
    const tickMs = Math.max(5, Math.round((1000 * options.batch) / options.offeredEventsPerSecond));
    const byStatus: Record<string, number> = {};
    let outstanding = 0;
    let notSent = 0;
    let transportErrors = 0;
    let accepted = 0;
    let n = 0;
    const pending: Promise<void>[] = [];
    const started = performance.now();
    for (let tick = 0; performance.now() - started < options.seconds * 1000; tick++) {
      const wait = started + tick * tickMs - performance.now();
      if (wait > 0) await sleep(wait);
      if (outstanding >= options.maxOutstanding) {
        notSent++;
        continue;
      }
      const events = Array.from({ length: options.batch }, (_, i) => activityHeld(SOURCE, year, options.label, n + i));
      n += options.batch;
      outstanding++;
      pending.push(
        this.partner
          .sendSigned(JSON.stringify({ events }))
          .then((res) => {
            byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
            if (res.status === 200) accepted += (res.body as BatchResult).accepted;
          })
          .catch(() => void transportErrors++)
          .finally(() => void outstanding--),
      );
    }
    await Promise.all(pending);
    const seconds = (performance.now() - started) / 1000;
    const count = (pred: (status: number) => boolean) => Object.entries(byStatus).reduce((sum, [k, v]) => (pred(Number(k)) ? sum + v : sum), 0);
    return {
      seconds,
      offeredEventsPerSecond: options.offeredEventsPerSecond,
      acceptedEventsPerSecond: accepted / seconds,
      requests: pending.length,
      accepted,
      status503: byStatus['503'] ?? 0,
      status429: byStatus['429'] ?? 0,
      status5xxOther: count((st) => st >= 500 && st !== 503),
      transportErrors,
      notSent,
      byStatus,
    };
  }

  /** Rebuilds every KPI read model from the archive through the ops API, logging its progress; events/s over the rebuild's own start and finish. */
  async rebuild(): Promise<{ events: number; seconds: number; rate: number; evaluations: number }> {
    const { id } = await this.kpi.post<{ id: string }>('/ops/kpi/rebuild', {});
    let lastLog = 0;
    for (;;) {
      const p = await this.kpi.get<{ status: string; processed: number; total: number; startedAt: string; finishedAt: string | null; error: string | null; evaluations: number }>(`/ops/kpi/rebuild/${id}`);
      if (p.status === 'failed') throw new Error(`the rebuild failed: ${p.error ?? 'no reason given'}`);
      if (p.status === 'done' && p.finishedAt) {
        const seconds = (Date.parse(p.finishedAt) - Date.parse(p.startedAt)) / 1000;
        return { events: p.processed, seconds, rate: p.processed / seconds, evaluations: p.evaluations };
      }
      if (performance.now() - lastLog > 5_000) {
        lastLog = performance.now();
        this.log(`rebuild: ${p.processed} of ${p.total} archived events (${p.total ? ((100 * p.processed) / p.total).toFixed(0) : 0} %), ${p.evaluations} evaluations`);
      }
      await sleep(500);
    }
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

  /**
   * Open loop at a fixed rate: a signed request every `tickMs` carrying the
   * events due by then, sent whether or not the previous ones were answered;
   * latency counts from the scheduled instant (no coordinated omission).
   * Events of the first second are warm-up and not counted.
   */
  async latencyAt(year: number, rate: number, seconds: number, label: string): Promise<LatencyRun> {
    await this.watcher.start();
    try {
      return await this.openLoop(year, rate, seconds, label);
    } finally {
      await this.watcher.stop();
    }
  }

  private async openLoop(year: number, rate: number, seconds: number, label: string): Promise<LatencyRun> {
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
    await this.db.end();
  }
}
