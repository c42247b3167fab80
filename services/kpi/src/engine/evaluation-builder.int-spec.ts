/**
 * The evaluation builder, driven step by step (its loop is off here): a new
 * counting rule is built from a year already holding 2,000 archived events,
 * while the year keeps changing under it — an event archived by a
 * transaction that was still open when the scan took its snapshot, and live
 * events, duplicates taking keys over, a retraction and an amendment
 * consumed from Kafka between the scan and the swap. After the catch-up and
 * the swap, the new evaluation equals the reference evaluator over the
 * whole archive, and the API serves it.
 * Real: Kafka, PostgreSQL, Redis, the app (consumer, outbox relay, API).
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { EVENTS, type EventData, type PlatformEvent } from '@tjc/contracts';
import { activity, correction, eventually, seededTargets2024, setTargets, startKpiForTest, values, type KpiTestContext } from '../testing/kpi-harness';
import { differencesFromReference, readEvaluationState } from '../testing/engine-replay';
import type { CandidateEvent, CorrectionRecord, KpiRule } from '../kpi/kpi-evaluator';
import { EvaluationBuilder, pgExecutor } from './evaluation-builder.service';
import { candidateOf, dimsOf, KpiEngine, toCorrection } from './kpi-engine.service';

jest.setTimeout(300_000);

let ctx: KpiTestContext;
let engine: KpiEngine;
let builder: EvaluationBuilder;

/** Builds every waiting evaluation, as the builder's loop would. */
async function buildAll(): Promise<void> {
  for (const x of await engine.evaluations(pg(), { status: 'building' })) {
    await builder.scan(x);
    await builder.catchUp(x);
    await builder.swap([x], undefined);
  }
}
let client: Client;
const pg = () => pgExecutor(client);

beforeAll(async () => {
  ctx = await startKpiForTest({ KPI_EVALUATION_BUILDER: 'off' });
  const app = ctx.sut.service.app as NestFastifyApplication;
  engine = app.get(KpiEngine);
  builder = app.get(EvaluationBuilder);
  client = new Client({ connectionString: ctx.sut.db.url });
  await client.connect();
  await setTargets(ctx, seededTargets2024());
  await buildAll();
});
afterAll(async () => {
  await client?.end();
  await ctx?.stop();
});

const time = (i: number) => new Date(Date.UTC(2024, 0, 1, 2) + (i % 350) * 86_400_000 + i * 1000).toISOString().replace('Z', '+00:00');

async function archiveDirectly(db: ReturnType<typeof pgExecutor>, events: readonly PlatformEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) await engine.archive(db, events.slice(i, i + 500));
}

async function referenceInputs(year: number, types: readonly string[]): Promise<{ events: CandidateEvent[]; corrections: CorrectionRecord[] }> {
  const rows = await client.query(`SELECT source, id, type, subject, time, region, dataversion, received_at, data FROM event_archive WHERE biz_year = $1 AND type = ANY($2::text[])`, [year, types]);
  const corr = await client.query<{ source: string; id: string; time: Date; received_at: Date; data: EventData<'center.event.corrected.v1'> }>(`SELECT source, id, time, received_at, data FROM event_archive WHERE type = $1`, [EVENTS.eventCorrected]);
  return { events: rows.rows.map(candidateOf), corrections: corr.rows.map((r) => toCorrection(r.source, r.id, r.time, r.received_at, r.data)) };
}

describe('building a new counting rule from a year that keeps changing', () => {
  it('scans a snapshot, catches up with what arrived meanwhile, swaps in, and equals the reference', async () => {
    // A year of 2,000 events of 1,500 activities, archived before the rule changes.
    const year = Array.from({ length: 2000 }, (_, i) => activity(`act-y-${i % 1500}`, { time: time(i) }));
    await archiveDirectly(pg(), year);

    // The new rule: matching meetings and promotions only (all of these so far), so every event is judged again.
    const events = seededTargets2024().find((t) => t.kpiCode === 'events')!;
    const filters = [{ path: 'type', op: 'in' as const, values: ['supply-demand-matching', 'project-promotion'] }];
    await setTargets(ctx, [{ ...events, filters }]);
    const [x] = (await engine.evaluations(pg(), { years: [2024], status: 'building' })).filter((e) => e.kpiCode === 'events');
    expect(x).toBeDefined();

    // A transaction archives an early duplicate (it takes act-y-5 over) and stays open across the scan's snapshot.
    const open = new Client({ connectionString: ctx.sut.db.url });
    await open.connect();
    const early = activity('act-y-5', { time: '2024-01-01T00:00:01+08:00' });
    await open.query('BEGIN');
    await archiveDirectly(pgExecutor(open), [early]);
    // …and a later-numbered event commits before the scan: a catch-up by "archive seq after the last one scanned" would miss `early`.
    await archiveDirectly(pg(), [activity('act-between', { time: time(2500) })]);
    await builder.scan(x!);
    await open.query('COMMIT');
    await open.end();

    // Live traffic between the scan and the swap: new activities, duplicates, a retraction and an amendment.
    const live = [
      ...Array.from({ length: 40 }, (_, i) => activity(`act-live-${i}`, { time: time(3000 + i) })),
      ...Array.from({ length: 10 }, (_, i) => activity(`act-y-${100 + i}`, { time: '2024-01-01T00:00:02+08:00' })),
    ];
    const retracted = year[7]!;
    const amended = year[8]!;
    const fixes = [
      correction(retracted, { time: '2024-12-01T10:00:00+08:00' }),
      correction(amended, { time: '2024-12-01T10:00:00+08:00', action: 'amend', replacement: { ...(amended.data as Record<string, unknown>), type: 'financing-roadshow' } }),
    ];
    await ctx.sut.events.publish(...live, ...fixes);
    await eventually(async () => {
      const n = await client.query(`SELECT count(*)::int AS n FROM event_archive WHERE id = ANY($1::text[])`, [[...live, ...fixes].map((e) => e.id)]);
      expect(n.rows[0].n).toBe(live.length + fixes.length);
    }, 120_000);

    let rounds = 0;
    while ((await builder.catchUp(x!)) > 0) rounds++;
    expect(rounds).toBeGreaterThanOrEqual(1); // the open transaction's event and the live ones came in by catch-up
    const swapped = await builder.swap([x!], undefined);
    expect(swapped.map((s) => s.id)).toEqual([x!.id]);

    const rule: KpiRule = { eventTypes: events.eventTypes, filters, counting: events.counting };
    const { events: candidates, corrections } = await referenceInputs(2024, rule.eventTypes);
    expect(candidates.length).toBe(2000 + 2 + live.length);
    const state = await readEvaluationState(pg(), x!.id);
    expect(differencesFromReference(state, rule, candidates, corrections, dimsOf)).toEqual([]);

    // 1,500 activities of the year + 40 new ones; act-y-7 retracted (its other events still count it), act-y-8 amended out of the filter.
    const served = await values(ctx, 2024, '?cache=bypass');
    expect(served['events']).toBe(state.figures.get('total/total'));
    const old = (await engine.evaluations(pg(), { years: [2024] })).filter((e) => e.kpiCode === 'events');
    expect(old.map((e) => e.status)).toEqual(['retired', 'active']);
  });
});
