/**
 * The fault suite (issue #10, part 2): each fault is injected while a stream
 * of events flows through the whole platform, then the platform must account
 * for every event the stream got accepted:
 *
 *   lost = 0            every accepted event is counted by the KPI service, and
 *                       every reacting service applied every partner project
 *   appliedTwice = 0    no event counted or applied more than once
 *   kpiMatchesReference the year's figures (GET /kpi/:year?cache=bypass) equal
 *                       the reference computed from the accepted events
 *   recoverySeconds     from the end of the fault until the figures equal it
 *
 * Real: a PRIVATE PostgreSQL cluster, Redis and Kafka broker and the six
 * services as processes (e2e/src/stack), so the faults really kill, stop and
 * restart them; signed partner batches and dev-token API calls as the load.
 * Results go to e2e/results/faults.json (git-ignored).
 *
 * FAULTS_PROFILE=long: more rounds, longer outages and settle time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { issueDevToken, type Principal } from '@tjc/auth';
import { TOPICS, type PlatformEvent } from '@tjc/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { signatureOf } from '../src/partner-client';
import { ApiClient, PartnerClient } from '../src/scenario/clients';
import { KpiReader, SCENARIO_KPIS } from '../src/scenario/kpi';
import { sleep, startPrivateStack, type PrivateStack, type ServiceProcess } from '../src/stack';
import { activityHeld, EventStream, projectFound, sendUntilAnswered, STREAM_FIELD, uniqueId, type AcceptedEvent } from './stream';
import { FAULT_KPI_CODES, query, readBaseline, settle, type Measurement } from './verify';

const LONG = process.env['FAULTS_PROFILE'] === 'long';
const PROFILE = {
  name: LONG ? 'long' : 'ci',
  /** Stream before the fault, and after it is over. */
  warmMs: LONG ? 5_000 : 1_500,
  tailMs: LONG ? 5_000 : 1_500,
  /** A producer's pause between requests (3 producers: two partners, one network coordinator). */
  periodMs: LONG ? 250 : 400,
  rebalanceRounds: LONG ? 5 : 2,
  kafkaDownMs: LONG ? 20_000 : 5_000,
  postgresDownMs: LONG ? 20_000 : 6_000,
  redisDownMs: LONG ? 10_000 : 3_000,
  killRounds: LONG ? 2 : 1,
  settleTimeoutMs: LONG ? 180_000 : 60_000,
} as const;

/**
 * Settings of the fault stack. The session timeout bounds how long a killed
 * consumer's partitions stall (default 30 s); the rollup schedule is the
 * documented catch-up for rollups Redis lost (default 5 min, longer than a
 * CI run); the partner rate limit is raised so the stream is never throttled
 * by design (429 is still handled, as a partner must).
 */
const SERVICE_ENV = {
  KAFKA_SESSION_TIMEOUT_MS: '10000',
  KPI_ROLLUP_EVERY_MS: '10000',
  PARTNER_RATE_REQUESTS_PER_MIN: '6000',
  PARTNER_RATE_EVENTS_PER_MIN: '100000',
} as const;

const PORT_BASE = 23100;
/** The second KPI instance of the rebalance fault: the first port after the six services (still in this suite's range). */
const SIBLING_PORT = PORT_BASE + 7;
/** Business years the faults count in, in turn (KPI years start at 2020; network APIs take past dates only). */
const YEARS = [2020, 2021, 2022, 2023, 2024, 2025] as const;
const FAULT_KPIS = SCENARIO_KPIS.filter((d) => (FAULT_KPI_CODES as readonly string[]).includes(d.kpiCode));
const RESULTS = path.join(__dirname, '..', 'results', 'faults.json');

interface FaultResult {
  readonly name: string;
  readonly description: string;
  readonly year: number;
  readonly events: number;
  readonly lost: number;
  readonly appliedTwice: number;
  readonly kpiMatchesReference: boolean;
  readonly recoverySeconds: number | null;
  /** Until every reacting service (research, industry, service, fund, KPI) had applied everything too. */
  readonly allEffectsSeconds: number | null;
  /** Requests the producers had to retry (refused, reset, 5xx, 429/503): how hard the fault hit the load. */
  readonly retriedRequests: number;
  /** Accepted events that some consumer dead-lettered (each also counts as lost unless applied elsewhere). */
  readonly deadLettered: number;
  readonly faultSeconds: number;
  readonly notes: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

interface Injected {
  /** When the fault was over (service restarted, broker/database/Redis back, last poison sent). */
  readonly endedAt: number;
  /** Events accepted outside the main stream (the fault's own producers). */
  readonly accepted?: readonly AcceptedEvent[];
  readonly notes?: string;
  /** Extra checks of this fault, asserted with the common ones. */
  readonly checks?: Readonly<Record<string, { readonly actual: unknown; readonly expected: unknown }>>;
}

interface FaultContext {
  readonly stream: EventStream;
  readonly year: number;
  readonly startedAt: number;
}

describe(`platform faults under a live event stream (profile ${PROFILE.name})`, () => {
  let stack: PrivateStack;
  let sibling: ServiceProcess | undefined;
  let service: ApiClient;
  let partners: PartnerClient[];
  const readers = new Map<number, KpiReader>();
  const results: FaultResult[] = [];
  const runStarted = Date.now();
  let faultIndex = 0;

  function writeResults(): void {
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    const doc = {
      profile: PROFILE.name,
      startedAt: new Date(runStarted).toISOString(),
      durationSeconds: Math.round((Date.now() - runStarted) / 100) / 10,
      settings: { ...SERVICE_ENV, profile: PROFILE },
      notes:
        'Private stack (own PostgreSQL, Redis, Kafka, six services as processes). KAFKA_SESSION_TIMEOUT_MS=10000 in every service: a SIGKILLed consumer stalls its partitions until then. ' +
        'KPI_ROLLUP_EVERY_MS=10000: the scheduled rollup is the catch-up for rollup jobs Redis lost. recoverySeconds: end of fault → KPI figures equal the reference.',
      faults: results,
    };
    writeFileSync(RESULTS, `${JSON.stringify(doc, null, 2)}\n`);
  }

  beforeAll(async () => {
    stack = await startPrivateStack({ name: 'faults', portBase: PORT_BASE, serviceEnv: SERVICE_ENV });
    const issuer = { issuer: stack.secrets.authIssuer, audience: stack.secrets.authAudience, devSecret: stack.secrets.authDevSecret };
    const url = (name: string) => stack.service(name).url;
    const token = (sub: string, roles: Principal['roles'], network?: 'research' | 'industry' | 'service' | 'fund') =>
      issueDevToken(issuer, { sub, name: '故障注入', roles, ...(network && { network }) }, 4 * 3600);
    service = new ApiClient('service-network', url('service-network'), await token('faults.service', ['coordinator'], 'service'));
    const industry = new ApiClient('industry-network', url('industry-network'), await token('faults.industry', ['coordinator'], 'industry'));
    const kpi = new ApiClient('kpi', url('kpi'), await token('faults.admin', ['center-admin']));
    const secret = (p: string) => stack.secrets.partnerSecrets[p]?.[0] ?? '';
    partners = ['hebei-center', 'beijing-hq'].map((p) => new PartnerClient(url('partner-gateway'), p, secret(p)));

    for (const year of YEARS) {
      const reader = new KpiReader(kpi, year);
      await reader.ensureDefinitions(FAULT_KPIS);
      readers.set(year, reader);
    }
    // An open demand of the streamed projects' field: the industry network then reacts to each one (a suggestion).
    const enterpriseId = uniqueId('ent-faults');
    await industry.post('/enterprises', { id: enterpriseId, name: '天津故障注入装备有限公司', region: 'tianjin', industryChain: '绿色石化产业链', field: STREAM_FIELD, isKeyEnterprise: true, isChainLeader: false });
    await industry.post('/demands', { enterpriseId, field: STREAM_FIELD, title: '工业烟气低能耗碳捕集', problem: '需要降低单位捕集能耗的新型吸收剂与工艺。', postedOn: '2020-01-02' });
  });

  afterAll(async () => {
    writeResults();
    await sibling?.kill('SIGTERM');
    await stack?.stop();
  });

  /**
   * Runs one fault: baseline, stream, fault, tail, stop the stream (ledger
   * final), settle, measure, record — then asserts the invariants.
   */
  async function fault(name: string, description: string, inject: (ctx: FaultContext) => Promise<Injected>): Promise<void> {
    const year = YEARS[faultIndex++ % YEARS.length]!;
    const kpi = readers.get(year)!;
    const baseline = await readBaseline(kpi);
    const startedAt = Date.now();
    const stream = new EventStream({ year, partners, service, periodMs: PROFILE.periodMs, settleTimeoutMs: PROFILE.settleTimeoutMs });
    let injected: Injected;
    try {
      injected = await inject({ stream, year, startedAt });
      await sleep(PROFILE.tailMs);
    } finally {
      await stream.stop().catch(() => undefined);
    }
    const ledger = await stream.stop();
    const accepted = [...ledger.accepted, ...(injected.accepted ?? [])];
    const settled = await settle(stack, kpi, baseline, accepted, injected.endedAt, PROFILE.settleTimeoutMs);
    const m: Measurement = settled.final;
    const result: FaultResult = {
      name,
      description,
      year,
      events: accepted.length,
      lost: m.lost,
      appliedTwice: m.appliedTwice,
      kpiMatchesReference: m.kpiMatches,
      recoverySeconds: settled.kpiSeconds === null ? null : Math.round(settled.kpiSeconds * 10) / 10,
      allEffectsSeconds: settled.effectsSeconds === null ? null : Math.round(settled.effectsSeconds * 10) / 10,
      retriedRequests: ledger.retries,
      deadLettered: m.deadLettered,
      faultSeconds: Math.round((injected.endedAt - startedAt) / 100) / 10,
      notes: injected.notes ?? '',
      detail: { ...m.detail, ...(injected.checks && { checks: injected.checks }) },
    };
    results.push(result);
    writeResults();

    expect(accepted.length).toBeGreaterThan(0);
    expect({ name, lost: result.lost, appliedTwice: result.appliedTwice, kpiMatchesReference: result.kpiMatchesReference }).toEqual({ name, lost: 0, appliedTwice: 0, kpiMatchesReference: true });
    expect(result.recoverySeconds).not.toBeNull();
    for (const [check, { actual, expected }] of Object.entries(injected.checks ?? {})) expect({ name, check, value: actual }).toEqual({ name, check, value: expected });
  }

  const SERVICES = ['partner-gateway', 'research-network', 'industry-network', 'service-network', 'fund-network', 'kpi'] as const;
  for (const name of SERVICES) {
    it(`SIGKILL ${name} mid-stream, then restart it`, async () => {
      await fault(`sigkill-${name}`, `${name} killed with SIGKILL mid-stream (${PROFILE.killRounds}×), restarted at once`, async () => {
        const proc = stack.service(name);
        let endedAt = Date.now();
        for (let round = 0; round < PROFILE.killRounds; round++) {
          await sleep(PROFILE.warmMs);
          await proc.kill('SIGKILL');
          // start() returns once /health/ready answers: HTTP up, database reachable, consumer joined.
          await proc.start();
          endedAt = Date.now();
        }
        return { endedAt, notes: `restart until ready ${PROFILE.killRounds}×; a killed consumer's partitions wait for its 10 s session timeout` };
      });
    });
  }

  it('a second KPI consumer joins and leaves the group repeatedly (rebalances)', async () => {
    await fault('consumer-rebalance', `a second KPI instance joins (start until ready) and leaves (SIGTERM) ${PROFILE.rebalanceRounds}× mid-stream`, async () => {
      const kpi = stack.service('kpi');
      sibling ??= kpi.sibling(SIBLING_PORT, path.join(stack.dir, 'kpi-sibling.log'));
      await sleep(PROFILE.warmMs);
      for (let round = 0; round < PROFILE.rebalanceRounds; round++) {
        await sibling.start();
        await sleep(1_000);
        await sibling.kill('SIGTERM');
      }
      return { endedAt: Date.now(), notes: `${PROFILE.rebalanceRounds} joins and ${PROFILE.rebalanceRounds} graceful leaves; each is a group rebalance` };
    });
  });

  it('the Kafka broker stops and restarts while the platform produces', async () => {
    await fault('kafka-restart', `the broker stopped (SIGTERM) for ${PROFILE.kafkaDownMs / 1000} s under load, then started`, async () => {
      await sleep(PROFILE.warmMs);
      await stack.kafka.stop();
      await sleep(PROFILE.kafkaDownMs);
      await stack.kafka.start();
      return { endedAt: Date.now(), notes: 'producers keep writing to the outboxes while the broker is down' };
    });
  });

  it('PostgreSQL stops for a while under load, then starts', async () => {
    await fault('postgres-restart', `the PostgreSQL server stopped (fast) for ${PROFILE.postgresDownMs / 1000} s under load, then started`, async () => {
      await sleep(PROFILE.warmMs);
      await stack.postgres.stop('fast');
      await sleep(PROFILE.postgresDownMs);
      await stack.postgres.start();
      return { endedAt: Date.now(), notes: 'requests fail (and are retried by the producers) while the database is down; consumers must not give up on events' };
    });
  });

  it('Redis is flushed mid-stream (BullMQ jobs and caches gone)', async () => {
    await fault('redis-flush', 'FLUSHALL twice mid-stream: queued rollup jobs, job schedules, cache and rate-limit buckets vanish', async () => {
      await sleep(PROFILE.warmMs);
      await stack.redis.flushAll();
      await sleep(PROFILE.warmMs);
      await stack.redis.flushAll();
      return { endedAt: Date.now() };
    });
  });

  it('Redis is killed and restarted empty; rollups recover from PostgreSQL without new events', async () => {
    await fault('redis-restart', `Redis SIGKILLed (no persistence); the network keeps producing for ${PROFILE.redisDownMs / 1000} s while it is down; the stream ends before it is started again`, async ({ stream, year }) => {
      await sleep(PROFILE.warmMs);
      // The partners' batches would wait for Redis (the gateway's rate limiter fails closed), and
      // their events after the restart would trigger fresh rollups and hide a lost one: stop them first.
      await stream.stop();
      await stack.redis.kill();
      const during = new EventStream({ year, partners: [], service, periodMs: PROFILE.periodMs, settleTimeoutMs: PROFILE.settleTimeoutMs });
      await sleep(PROFILE.redisDownMs);
      const ledger = await during.stop();
      // Wait until the KPI service has consumed them (lineage has every subject) while Redis is still down.
      const reader = readers.get(year)!;
      const want = new Set(ledger.accepted.map((e) => e.subject));
      const deadline = Date.now() + 30_000;
      for (;;) {
        const lineage = await reader.lineage('events');
        const counted = new Set(lineage.items.filter((i) => i.status === 'counted').map((i) => i.subject));
        if ([...want].every((s) => counted.has(s)) || Date.now() > deadline) break;
        await sleep(500);
      }
      await stack.redis.start();
      return {
        endedAt: Date.now(),
        accepted: ledger.accepted,
        notes: `${ledger.accepted.length} activities held while Redis was down (their rollup jobs could not be enqueued); nothing is produced after the restart, so only the scheduled catch-up can bring the figures up to date`,
      };
    });
  });

  it('a partner sends duplicates, out-of-order events and poison messages (HTTPS and Kafka)', async () => {
    await fault('partner-duplicates-reorder-poison', 'resent batches, same-subject events out of business-time order, invalid events over HTTPS and Kafka (invalid JSON, schema violations) among valid ones', async ({ year, startedAt }) => {
      const hebei = partners[0]!;
      const source = hebei.source as 'partner/hebei-center';
      const accepted: AcceptedEvent[] = [];
      const record = (e: PlatformEvent) => accepted.push({ kind: e.type === 'research.project.found.v1' ? 'project' : 'activity', source: e.source, eventId: e.id, subject: e.subject, year });
      await sleep(PROFILE.warmMs);

      // HTTPS 1: six valid events, in DESCENDING business time.
      const first = [...Array.from({ length: 3 }, (_, i) => projectFound(source, year, 300 - i)), ...Array.from({ length: 3 }, (_, i) => activityHeld(source, year, 200 - i))];
      const a = await sendUntilAnswered(hebei, first, undefined, () => Date.now() + 60_000);
      first.forEach(record);
      // HTTPS 2: three of them again (same ids), two new events about already-counted subjects dated EARLIER
      // (they take over as the counted one; the earlier-received become "duplicate"), and three poison events.
      const p0 = first[0] as PlatformEvent<'research.project.found.v1'>;
      const a0 = first[3] as PlatformEvent<'service.activity.held.v1'>;
      const sameSubject = [projectFound(source, year, 1, { projectId: p0.data.projectId }), activityHeld(source, year, 1, { activityId: a0.data.activityId })];
      const valid = projectFound(source, year, 7);
      const poison: unknown[] = [
        { ...projectFound('partner/beijing-hq', year, 8) }, // impersonation: Hebei signs Beijing's source
        { ...valid, id: uniqueId('poison'), data: { ...valid.data, trl: 42 } }, // out of range
        { ...valid, id: uniqueId('poison'), subject: 'not-the-project' }, // subject mismatch
      ];
      const b = await sendUntilAnswered(hebei, [...first.slice(0, 3), ...sameSubject, ...poison], undefined, () => Date.now() + 60_000);
      sameSubject.forEach(record);

      // Kafka (tjc.partner.inbound.v1): valid events, one delivered twice, poison before a valid event of the same key.
      const kafka = new Kafka({ clientId: 'faults-partner', brokers: [stack.kafka.brokers], logLevel: logLevel.NOTHING });
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      const k1 = projectFound(source, year, 400);
      const k2 = activityHeld(source, year, 401);
      const k3 = projectFound(source, year, 10); // earlier business time than everything above: out of order
      // Signed like a partner's producer: Standard Webhooks headers over the value bytes (docs/partners.md §6).
      const wire = (e: { readonly id: string; readonly [field: string]: unknown }, key: string) => {
        const value = JSON.stringify(e);
        const ts = Math.floor(Date.now() / 1000);
        return { key, value, headers: { 'webhook-id': e.id, 'webhook-timestamp': String(ts), 'webhook-signature': signatureOf(stack.secrets.partnerSecrets['hebei-center']![0]!, e.id, ts, value) } };
      };
      try {
        await producer.send({
          topic: TOPICS.partnerInbound.name,
          acks: -1,
          messages: [
            wire(k1, k1.subject),
            wire(k1, k1.subject), // the same message twice: a redelivery
            { key: k3.subject, value: '{"specversion":"1.0","id":', headers: {} }, // not JSON
            wire({ ...k3, id: uniqueId('poison'), data: { ...k3.data, field: 'not-a-field' } }, k3.subject), // schema violation, same key as k3
            wire(k3, k3.subject),
            wire(k2, k2.subject),
          ],
        });
      } finally {
        await producer.disconnect();
      }
      [k1, k2, k3].forEach(record);
      const endedAt = Date.now();

      // Every poison message ends in the quarantine: three HTTPS rejections, two Kafka dead letters.
      const gateway = stack.databaseUrl('partner-gateway');
      let quarantined: Record<string, number>;
      const until = Date.now() + 30_000;
      do {
        const rows = await query<{ channel: string; n: string }>(gateway, `SELECT channel, count(*)::text AS n FROM quarantine WHERE received_at >= $1 GROUP BY channel`, [new Date(startedAt)]);
        quarantined = Object.fromEntries(rows.map((r) => [r.channel, Number(r.n)]));
        if ((quarantined['kafka'] ?? 0) >= 2) break;
        await sleep(500);
      } while (Date.now() < until);

      return {
        endedAt,
        accepted,
        notes: 'reference counts distinct subjects: a resend (same id) and a second event about a counted subject add nothing; business times deliberately out of order',
        checks: {
          firstBatch: { actual: { accepted: a.accepted, duplicates: a.duplicates, rejected: a.rejected }, expected: { accepted: 6, duplicates: 0, rejected: 0 } },
          resentBatch: { actual: { accepted: b.accepted, duplicates: b.duplicates, rejected: b.rejected }, expected: { accepted: 2, duplicates: 3, rejected: 3 } },
          rejectedRules: { actual: b.results.filter((r) => r.status === 'rejected').map((r) => r.issues?.[0]?.rule), expected: ['impersonation', 'too_big', 'subject_mismatch'] },
          quarantined: { actual: quarantined, expected: { http: 3, kafka: 2 } },
        },
      };
    });
  });
});
