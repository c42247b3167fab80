/**
 * Closed years and restatements, the history of targets, and the pace job.
 * Real: Kafka, PostgreSQL, Redis (BullMQ), the app. Tests run in order.
 */
import type { PlatformEvent } from '@tjc/contracts';
import { activity, correction, eventually, jointWith, lineage, projectFound, seededTargets2024, setTargets, startKpiForTest, training, values, type KpiTestContext } from '../../testing/kpi-harness';

let ctx: KpiTestContext;
const ALL_2024 = '?asOf=2024-12-31';
const publish = (...events: PlatformEvent[]) => ctx.sut.events.publish(...events);

beforeAll(async () => {
  ctx = await startKpiForTest();
  await setTargets(ctx, seededTargets2024());
});
afterAll(() => ctx?.stop());

const p1 = projectFound('rp-2024-0001', { time: '2024-02-01T10:00:00+08:00' });
// HQ states it demonstrated the project jointly with the center: it counts (#18.17).
const p2 = projectFound('hq-2024-017', { time: '2024-05-01T10:00:00+08:00', source: 'partner/beijing-hq', attribution: jointWith('partner/beijing-hq', '京津冀国家技术创新中心本部') });
const act1 = activity('act-c-1', { time: '2024-03-01T10:00:00+08:00' });

describe('closing a year and restating it', () => {
  it('closes 2024 with the values in force (center admin only, once)', async () => {
    await publish(p1, p2, act1);
    await eventually(async () => expect(await values(ctx, 2024, ALL_2024)).toMatchObject({ 'disruptive-projects': 2, events: 1 }));

    expect((await ctx.sut.http('POST', '/kpi/2024/close', undefined, ctx.tokens.reader)).status).toBe(403);
    expect((await ctx.sut.http('POST', '/kpi/2024/close', undefined, ctx.tokens.ops)).status).toBe(403);
    const closed = await ctx.sut.http('POST', '/kpi/2024/close', undefined, ctx.tokens.admin);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ year: 2024, state: 'closed', closedBy: 'admin-1', values: { 'disruptive-projects': 2, events: 1, trainees: 0 } });
    const again = await ctx.sut.http('POST', '/kpi/2024/close', undefined, ctx.tokens.admin);
    expect(again.status).toBe(409);
    // A problem body like every other error (it lacked statusCode and error).
    expect(again.body).toMatchObject({ statusCode: 409, error: 'Conflict', message: '2024 is already closed', currentState: 'closed', allowedTransitions: [] });
    expect((await ctx.sut.http('POST', '/kpi/2019/close', undefined, ctx.tokens.admin)).status).toBe(400);
    expect((await ctx.sut.http('POST', '/kpi/2030/close', undefined, ctx.tokens.admin)).status).toBe(404);
    const view = await ctx.sut.http('GET', '/kpi/2024', undefined, ctx.tokens.reader);
    expect(view.body.closed).toMatchObject({ by: 'admin-1' });
  });

  it('a late event for the closed year restates it, and the restatement names the event', async () => {
    const late = training('ts-2024-late', ['en-101', 'en-102'], { time: '2024-12-20T17:00:00+08:00' });
    await publish(late);
    await eventually(async () => expect((await values(ctx, 2024, ALL_2024))['trainees']).toBe(2));
    const res = await ctx.sut.http('GET', '/kpi/2024/restatements', undefined, ctx.tokens.reader);
    expect(res.status).toBe(200);
    expect(res.body.closed.values).toMatchObject({ trainees: 0 });
    expect(res.body.items).toEqual([expect.objectContaining({ kpiCode: 'trainees', previousValue: 0, newValue: 2, cause: { source: late.source, eventId: late.id, type: late.type } })]);
  });

  it('a retraction in the closed year is a restatement too; an unchanged value is not', async () => {
    await publish(correction(p2, { time: '2025-02-01T10:00:00+08:00', source: 'partner/beijing-hq' }));
    await eventually(async () => expect((await values(ctx, 2024, ALL_2024))['disruptive-projects']).toBe(1));
    // A duplicate of a counted activity changes nothing: no restatement.
    await publish(activity('act-c-1', { time: '2024-03-02T10:00:00+08:00' }));
    await eventually(async () => expect((await lineage(ctx, 2024, 'events')).total).toBe(2));
    const res = await ctx.sut.http('GET', '/kpi/2024/restatements', undefined, ctx.tokens.reader);
    expect(res.body.items.map((i: { kpiCode: string; previousValue: number; newValue: number }) => [i.kpiCode, i.previousValue, i.newValue])).toEqual([
      ['trainees', 0, 2],
      ['disruptive-projects', 2, 1],
    ]);
    expect((await ctx.sut.http('GET', '/kpi/2031/restatements', undefined, ctx.tokens.reader)).status).toBe(404);
  });
});

describe('targets are data with a history', () => {
  it('a new setting for a KPI replaces it; the history keeps both', async () => {
    const events = seededTargets2024().find((t) => t.kpiCode === 'events')!;
    await setTargets(ctx, [{ ...events, target: 12 }]);
    const history = await ctx.sut.http('GET', '/kpi/targets/2024/history', undefined, ctx.tokens.reader);
    const forEvents = history.body.items.filter((i: { kpiCode: string }) => i.kpiCode === 'events');
    expect(forEvents.map((i: { target: number; current: boolean }) => [i.target, i.current])).toEqual([
      [10, false],
      [12, true],
    ]);
    await eventually(async () => {
      const res = await ctx.sut.http('GET', '/kpi/2024', undefined, ctx.tokens.reader);
      expect(res.body.kpis.find((k: { kpiCode: string }) => k.kpiCode === 'events').target).toBe(12);
    });
    expect((await ctx.sut.http('GET', '/kpi/targets/2024', undefined, ctx.tokens.reader)).body.items).toHaveLength(5);
    expect((await ctx.sut.http('GET', '/kpi/targets/2031/history', undefined, ctx.tokens.reader)).status).toBe(404);
  });
});

describe('pace', () => {
  it('notifies each KPI behind pace once per day (event through the outbox)', async () => {
    const at = '2024-07-01T00:00:00+08:00';
    const first = await ctx.sut.http('POST', '/ops/kpi/pace-check', { year: 2024, at }, ctx.tokens.ops);
    expect(first.status).toBe(202);
    const behind = await ctx.sut.events.expect('kpi.pace.behind.v2', (e) => e.data.asOf === '2024-07-01T00:00:00.000+08:00', 5);
    // As of 1 July: 1 project (p2 retracted), 0 enterprises, 0 landed, 0 trainees, 1 event: all behind.
    expect(behind.map((e) => e.data.kpiCode).sort()).toEqual(['achievements-landed', 'disruptive-projects', 'events', 'key-enterprises-joint-research', 'trainees']);
    const trainees = behind.find((e) => e.data.kpiCode === 'trainees')!;
    expect(trainees.source).toBe('tjc/kpi');
    expect(trainees.data).toMatchObject({ year: 2024, target: 800, actual: 0, label: { zh: '培养技术转移人才（约800人次）' } });
    expect(trainees.data.expectedByNow).toBeCloseTo((800 * 182) / 366, 1);

    // Same day again, then the next day: the next day's notices prove the repeat ran, and added none.
    await ctx.sut.http('POST', '/ops/kpi/pace-check', { year: 2024, at: '2024-07-01T18:00:00+08:00' }, ctx.tokens.ops);
    await ctx.sut.http('POST', '/ops/kpi/pace-check', { year: 2024, at: '2024-07-02T09:00:00+08:00' }, ctx.tokens.ops);
    await ctx.sut.events.expect('kpi.pace.behind.v2', (e) => e.data.asOf.startsWith('2024-07-02'), 5);
    const day1 = ctx.sut.events.all().filter((e) => e.type === 'kpi.pace.behind.v2' && (e.data as { asOf: string }).asOf.startsWith('2024-07-01'));
    expect(day1).toHaveLength(5);
    expect((await ctx.sut.http('POST', '/ops/kpi/pace-check', { at: 'yesterday' }, ctx.tokens.ops)).status).toBe(400);
    expect((await ctx.sut.http('POST', '/ops/kpi/pace-check', {}, ctx.tokens.coordinator)).status).toBe(403);
  });

  it('reports pace and forecast with the figures', async () => {
    const res = await ctx.sut.http('GET', '/kpi/2024?asOf=2024-07-01', undefined, ctx.tokens.reader);
    const projects = res.body.kpis.find((k: { kpiCode: string }) => k.kpiCode === 'disruptive-projects');
    expect(projects.value).toBe(1);
    expect(projects.pace).toMatchObject({ behind: true, forecast: 2 });
    // As of the END of 1 July (Asia/Shanghai): 183 of 366 days.
    expect(projects.pace.elapsedShare).toBe(0.5);
  });
});
