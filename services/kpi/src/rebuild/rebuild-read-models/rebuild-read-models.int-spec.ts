/**
 * Rebuild: the read models rebuilt from the event archive into new
 * evaluations equal the incrementally built ones — values, every
 * drill-down, the figures — even after the live lineage was damaged.
 * Real: Kafka, PostgreSQL, Redis (BullMQ), the app.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import type { PlatformEvent } from '@tjc/contracts';
import { PrismaClient } from '../../generated/prisma/client';
import { activity, consortium, correction, eventually, jointWith, lineage, projectFound, seededTargets2024, setTargets, startKpiForTest, training, transfer, values, type KpiTestContext } from '../../testing/kpi-harness';

let ctx: KpiTestContext;
const publish = (...events: PlatformEvent[]) => ctx.sut.events.publish(...events);
const CODES = seededTargets2024().map((t) => t.kpiCode);

beforeAll(async () => {
  ctx = await startKpiForTest();
  await setTargets(ctx, [...seededTargets2024(), ...seededTargets2024().map((t) => ({ ...t, year: 2025 }))]);
});
afterAll(() => ctx?.stop());

async function snapshot() {
  const out: Record<string, unknown> = {};
  for (const year of [2024, 2025]) {
    out[`values-${year}`] = await values(ctx, year, `?asOf=${year}-12-31`);
    out[`rollups-${year}`] = await values(ctx, year, '?cache=bypass');
    for (const code of CODES) {
      const l = await lineage(ctx, year, code);
      out[`lineage-${year}-${code}`] = { value: l.value, summary: l.summary, items: l.items };
    }
  }
  return out;
}

describe('rebuild from the event archive', () => {
  it('rebuilds into new evaluations, swaps them in, and equals the incremental build', async () => {
    const t1 = transfer('tr-r-1', 'hebei', { time: '2024-03-03T10:00:00+08:00' });
    const events: PlatformEvent[] = [
      projectFound('rp-r-1', { time: '2024-01-10T10:00:00+08:00' }),
      projectFound('rp-r-2', { time: '2024-12-31T16:30:00Z' }), // 2025 in Shanghai
      consortium('cs-r-1', { id: 'ent-a', region: 'tianjin', isKeyEnterprise: true }, { time: '2024-04-01T10:00:00+08:00' }),
      consortium('cs-r-2', { id: 'ent-a', region: 'tianjin', isKeyEnterprise: true }, { time: '2024-05-01T10:00:00+08:00' }),
      t1,
      transfer('tr-r-2', 'tianjin', { time: '2024-03-04T10:00:00+08:00' }),
      training('ts-r-1', ['e1', 'e2', 'e3'], { time: '2024-06-01T10:00:00+08:00' }),
      training('ts-r-2', ['e3', 'e4'], { time: '2025-06-01T10:00:00+08:00' }),
      activity('act-r-1', { time: '2024-02-02T10:00:00+08:00' }),
      activity('act-r-1', { time: '2024-02-03T10:00:00+08:00' }),
      activity('act-r-2', { time: '2025-02-02T10:00:00+08:00', source: 'partner/hebei-center', attribution: jointWith('partner/hebei-center', '河北中心') }),
    ];
    await publish(...events, correction(t1, { time: '2024-03-05T10:00:00+08:00', action: 'amend', replacement: { ...(t1.data as Record<string, unknown>), origin: { name: '清华大学', region: 'beijing' } } }));
    await eventually(async () => {
      const l = await lineage(ctx, 2024, 'achievements-landed');
      expect(l.items.some((i) => i.status === 'counted' && i.eventId === t1.id && i.reason === null)).toBe(true);
      expect(await values(ctx, 2025, '?asOf=2025-12-31')).toMatchObject({ 'disruptive-projects': 1, trainees: 2, events: 1 });
      expect(await values(ctx, 2024, '?cache=bypass')).toEqual({ 'disruptive-projects': 1, 'key-enterprises-joint-research': 1, 'achievements-landed': 1, trainees: 3, events: 1 });
      expect(await values(ctx, 2025, '?cache=bypass')).toMatchObject({ trainees: 2 });
    });
    const incremental = await snapshot();

    // Damage the live read models: a rebuild must restore them from the archive alone.
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: ctx.sut.db.url }) });
    try {
      const live = await prisma.kpiEvaluation.findMany({ where: { year: 2024, status: 'active', kpiCode: { in: ['events', 'trainees'] } } });
      await prisma.kpiFact.deleteMany({ where: { evaluationId: live.find((x) => x.kpiCode === 'events')!.id } });
      await prisma.kpiFigure.deleteMany({ where: { evaluationId: live.find((x) => x.kpiCode === 'trainees')!.id } });
    } finally {
      await prisma.$disconnect();
    }
    expect((await lineage(ctx, 2024, 'events')).total).toBe(0);

    expect((await ctx.sut.http('POST', '/ops/kpi/rebuild', undefined, ctx.tokens.coordinator)).status).toBe(403);
    expect((await ctx.sut.http('POST', '/ops/kpi/rebuild', undefined, ctx.tokens.reader)).status).toBe(403);
    const started = await ctx.sut.http('POST', '/ops/kpi/rebuild', undefined, ctx.tokens.ops);
    expect(started.status).toBe(202);
    const progress = await eventually(async () => {
      const res = await ctx.sut.http('GET', `/ops/kpi/rebuild/${started.body.id}`, undefined, ctx.tokens.ops);
      expect(res.body.status).toBe('done');
      return res.body;
    });
    // Progress counts candidates read per evaluation: each of these events is a candidate of exactly one KPI.
    expect(progress.total).toBe(events.length);
    expect(progress.processed).toBe(progress.total);
    expect(progress.evaluations).toBe(2 * CODES.length);
    expect(progress.result.values['2024']).toEqual(incremental['values-2024']);

    expect(await snapshot()).toEqual(incremental);
    expect((await ctx.sut.http('GET', '/ops/kpi/rebuild/00000000-0000-4000-8000-000000000000', undefined, ctx.tokens.ops)).status).toBe(404);
    expect((await ctx.sut.http('GET', '/ops/kpi/rebuild/not-a-uuid', undefined, ctx.tokens.ops)).status).toBe(400);
  });

  it('keeps counting incrementally after the swap', async () => {
    await publish(activity('act-r-3', { time: '2024-10-10T10:00:00+08:00' }));
    await eventually(async () => expect((await values(ctx, 2024, '?cache=bypass'))['events']).toBe(2));
    expect((await lineage(ctx, 2024, 'events', '?status=counted')).total).toBe(2);
  });

  it('reports BullMQ queue depths on the runtime gauge', async () => {
    const depths = await ctx.sut.http('GET', '/ops/kpi/queues', undefined, ctx.tokens.ops);
    expect(Object.keys(depths.body).sort()).toEqual(['kpi-figures', 'kpi-pace']);
    await eventually(async () => {
      const metrics = await ctx.sut.http('GET', '/metrics');
      expect(String(metrics.body)).toMatch(/tjc_bullmq_queue_depth\{[^}]*queue="kpi-figures"[^}]*\} \d+/);
    }, 15_000);
  });
});
