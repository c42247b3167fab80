/**
 * Counting rules under real delivery, end to end: events are published to
 * the (namespaced) Kafka topics as the networks and partners would; the
 * service consumes them through the runtime's inbox; the API is read over
 * HTTP. Real: Kafka, PostgreSQL, Redis, the app. Faked: nothing.
 *
 * The tests of this file build on each other in order (one service per file).
 */
import { buildEvent, type PlatformEvent } from '@tjc/contracts';
import {
  activity,
  consortium,
  correction,
  eventually,
  jointWith,
  lineage,
  projectFound,
  seededTargets2024,
  setTargets,
  startKpiForTest,
  training,
  transfer,
  values,
  type KpiTestContext,
} from '../../testing/kpi-harness';

let ctx: KpiTestContext;
const ALL_2024 = '?asOf=2024-12-31';

beforeAll(async () => {
  ctx = await startKpiForTest();
  await setTargets(ctx, seededTargets2024());
});
afterAll(() => ctx?.stop());

const publish = (...events: PlatformEvent[]) => ctx.sut.events.publish(...events);
const countedIds = async (year: number, code: string) => (await lineage(ctx, year, code, '?status=counted')).items.map((i) => i.eventId).sort();

const a = activity('act-2024-001', { time: '2024-03-15T14:00:00+08:00' });
const aResent = activity('act-2024-001', { time: '2024-03-16T14:00:00+08:00' });
const b = activity('act-2024-002', { time: '2024-04-20T09:00:00+08:00', source: 'partner/beijing-hq', attribution: jointWith('partner/beijing-hq', '京津冀国家技术创新中心本部') });
const lastSecond2024 = activity('act-2024-b1', { time: '2024-12-31T23:59:59+08:00' });
const first2025Utc = activity('act-2024-b2', { time: '2024-12-31T16:00:00Z' });
const tokyoAfterMidnight = activity('act-2024-b3', { time: '2025-01-01T00:30:00+09:00' });
const newYorkEvening = activity('act-2024-b4', { time: '2024-12-31T11:00:00-05:00' });

describe('KPI counting over real Kafka, PostgreSQL and Redis', () => {
  it('serves the seeded 2024 KPIs with their targets, all at zero', async () => {
    const res = await ctx.sut.http('GET', '/kpi/2024', undefined, ctx.tokens.reader);
    expect(res.status).toBe(200);
    expect(res.body.kpis.map((k: { kpiCode: string; target: number; unit: { zh: string } }) => [k.kpiCode, k.target, k.unit.zh])).toEqual([
      ['disruptive-projects', 10, '项'],
      ['key-enterprises-joint-research', 5, '家'],
      ['achievements-landed', 10, '项'],
      ['trainees', 800, '人次'],
      ['events', 10, '场'],
    ]);
    expect(Object.values(await values(ctx, 2024, ALL_2024))).toEqual([0, 0, 0, 0, 0]);
  });

  it('counts duplicates once: the same event twice, and a second event of the same activity', async () => {
    await publish(a, a, aResent, b);
    await eventually(async () => expect((await lineage(ctx, 2024, 'events')).total).toBe(3));
    const l = await lineage(ctx, 2024, 'events');
    expect(l.value).toBe(2);
    expect(l.summary).toMatchObject({ counted: 2, duplicate: 1 });
    const dup = l.items.find((i) => i.eventId === aResent.id)!;
    expect(dup).toMatchObject({ status: 'duplicate', contribution: 0 });
    expect(dup.duplicates).toEqual([{ key: 'act-2024-001', madeBy: { source: a.source, id: a.id } }]);
  });

  it('counts person-times by distinct enrolment across sessions', async () => {
    await publish(training('ts-2024-01', ['en-1', 'en-2', 'en-3'], { time: '2024-04-26T17:00:00+08:00' }), training('ts-2024-02', ['en-3', 'en-4'], { time: '2024-05-10T17:00:00+08:00' }));
    await eventually(async () => expect((await values(ctx, 2024, ALL_2024))['trainees']).toBe(4));
    const l = await lineage(ctx, 2024, 'trainees');
    expect(l.items.map((i) => [i.contribution, i.keys])).toEqual([
      [3, ['en-1', 'en-2', 'en-3']],
      [1, ['en-4']],
    ]);
  });

  it('counts distinct lead enterprises that pass every filter', async () => {
    await publish(
      consortium('cs-1', { id: 'ent-feiteng', region: 'tianjin', isKeyEnterprise: true }, { time: '2024-06-18T10:00:00+08:00' }),
      consortium('cs-2', { id: 'ent-feiteng', region: 'tianjin', isKeyEnterprise: true }, { time: '2024-07-18T10:00:00+08:00' }),
      consortium('cs-3', { id: 'ent-small', region: 'tianjin', isKeyEnterprise: false }, { time: '2024-07-19T10:00:00+08:00' }),
      consortium('cs-4', { id: 'ent-bj', region: 'beijing', isKeyEnterprise: true }, { time: '2024-07-20T10:00:00+08:00' }),
    );
    await eventually(async () => expect((await lineage(ctx, 2024, 'key-enterprises-joint-research')).total).toBe(4));
    const l = await lineage(ctx, 2024, 'key-enterprises-joint-research');
    expect(l.value).toBe(1);
    expect(l.items.map((i) => i.status)).toEqual(['counted', 'duplicate', 'excluded', 'excluded']);
    expect(l.items[2]!.reason).toContain('leadEnterprise.isKeyEnterprise');
  });

  it("a partner cannot make a Tianjin enterprise key (#18.14): its claim is excluded naming the authority, the registry's statement counts", async () => {
    await setTargets(ctx, seededTargets2024().filter((t) => t.kpiCode === 'key-enterprises-joint-research').map((t) => ({ ...t, year: 2023 })));
    const claim = consortium('hb-cs-2023-9', { id: 'ent-tjcarbon', region: 'tianjin', isKeyEnterprise: true }, { time: '2023-08-08T09:00:00+08:00', source: 'partner/hebei-center' });
    await publish(claim);
    await eventually(async () => expect((await lineage(ctx, 2023, 'key-enterprises-joint-research')).total).toBe(1));
    const before = await lineage(ctx, 2023, 'key-enterprises-joint-research');
    expect(before.value).toBe(0);
    expect(before.items[0]).toMatchObject({ eventId: claim.id, status: 'excluded', contribution: 0 });
    expect(before.items[0]!.reason).toContain('leadEnterprise.isKeyEnterprise 由 partner/hebei-center 声称');
    expect(before.items[0]!.reason).toContain("the authority is the industry network's key-enterprise registry (tjc/industry-network)");

    // The industry network's own statement of a listed lead counts.
    await publish(consortium('cs-2023-9', { id: 'ent-feiteng', region: 'tianjin', isKeyEnterprise: true }, { time: '2023-09-01T10:00:00+08:00' }));
    await eventually(async () => expect((await lineage(ctx, 2023, 'key-enterprises-joint-research')).value).toBe(1));
  });

  it('puts an event in the calendar year of its business time in Asia/Shanghai', async () => {
    await setTargets(ctx, seededTargets2024().filter((t) => t.kpiCode === 'events').map((t) => ({ ...t, year: 2025 })));
    await publish(lastSecond2024, first2025Utc, tokyoAfterMidnight, newYorkEvening);
    await eventually(async () => expect((await lineage(ctx, 2025, 'events')).total).toBe(2));
    expect(await countedIds(2025, 'events')).toEqual([first2025Utc.id, newYorkEvening.id].sort());
    await eventually(async () => expect(await countedIds(2024, 'events')).toEqual([a.id, b.id, lastSecond2024.id, tokyoAfterMidnight.id].sort()));
    const l = await lineage(ctx, 2024, 'events', `?status=counted`);
    expect(l.items.find((i) => i.eventId === lastSecond2024.id)!.time).toBe('2024-12-31T23:59:59.000+08:00');
    const byMonth = (await ctx.sut.http('GET', `/kpi/2024${ALL_2024}`, undefined, ctx.tokens.reader)).body.kpis.find((k: { kpiCode: string }) => k.kpiCode === 'events').byMonth;
    expect(byMonth).toMatchObject({ '03': 1, '04': 1, '12': 2 });
  });

  let beforeCorrections: string;

  it('a retraction removes an event from the count (corrections API, published as tjc/center)', async () => {
    beforeCorrections = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const res = await ctx.sut.http('POST', '/kpi/corrections', { target: { source: b.source, id: b.id, type: b.type }, action: 'retract', reason: '活动取消，撤回' }, ctx.tokens.admin);
    expect(res.status).toBe(202);
    await eventually(async () => expect((await values(ctx, 2024, ALL_2024))['events']).toBe(3));
    const retracted = (await lineage(ctx, 2024, 'events', '?status=retracted')).items;
    expect(retracted.map((i) => i.eventId)).toEqual([b.id]);
    expect(retracted[0]!.reason).toContain('活动取消');
  });

  it('ignores a correction from a source that neither published the event nor is the center', async () => {
    await publish(correction(lastSecond2024, { time: '2025-01-05T10:00:00+08:00', source: 'partner/hebei-center' }));
    await eventually(async () => {
      const res = await ctx.sut.http('GET', '/kpi/corrections?status=unauthorised', undefined, ctx.tokens.reader);
      expect(res.body.items.map((i: { target: { id: string } }) => i.target.id)).toEqual([lastSecond2024.id]);
    });
    expect((await values(ctx, 2024, ALL_2024))['events']).toBe(3);
  });

  it('an amendment that moves an event out of a filter takes it out of the count', async () => {
    const t = transfer('tr-2024-001', 'hebei', { time: '2024-07-02T10:00:00+08:00' });
    await publish(t);
    await eventually(async () => expect((await values(ctx, 2024, ALL_2024))['achievements-landed']).toBe(1));
    const data = t.data as Record<string, unknown>;
    await publish(correction(t, { time: '2024-07-10T10:00:00+08:00', source: 'tjc/service-network', action: 'amend', replacement: { ...data, origin: { name: '南开大学', region: 'tianjin' } } }));
    await eventually(async () => expect((await values(ctx, 2024, ALL_2024))['achievements-landed']).toBe(0));
    const [item] = (await lineage(ctx, 2024, 'achievements-landed')).items;
    expect(item).toMatchObject({ eventId: t.id, status: 'excluded' });
    expect(item!.reason).toContain('origin.region = "tianjin"');
  });

  it('a correction that arrives before its target applies when the target arrives', async () => {
    const t = transfer('tr-2024-002', 'beijing', { time: '2024-08-02T10:00:00+08:00' });
    await publish(correction(t, { time: '2024-08-03T10:00:00+08:00' }));
    await eventually(async () => {
      const res = await ctx.sut.http('GET', '/kpi/corrections?status=pending', undefined, ctx.tokens.reader);
      expect(res.body.items.map((i: { target: { id: string } }) => i.target.id)).toEqual([t.id]);
    });
    await publish(t);
    await eventually(async () => expect((await lineage(ctx, 2024, 'achievements-landed')).total).toBe(2));
    const l = await lineage(ctx, 2024, 'achievements-landed');
    expect(l.value).toBe(0);
    expect(l.items.find((i) => i.eventId === t.id)!.status).toBe('retracted');
  });

  it('a KPI defined after its events arrived counts them (evaluated from the archive)', async () => {
    const roadshow = activity('act-2024-rs1', { time: '2024-09-09T14:00:00+08:00' }, 'financing-roadshow');
    await publish(roadshow);
    await eventually(async () => expect(await countedIds(2024, 'events')).toContain(roadshow.id));
    await setTargets(ctx, [
      {
        year: 2024,
        kpiCode: 'roadshows',
        label: { zh: '融资路演', en: 'Financing roadshows' },
        unit: { zh: '场', en: 'roadshows' },
        target: 4,
        eventTypes: ['service.activity.held.v1'],
        filters: [{ path: 'type', op: 'eq', value: 'financing-roadshow' }],
        counting: { kind: 'count-distinct', key: 'subject' },
      },
    ]);
    await eventually(async () => expect(await countedIds(2024, 'roadshows')).toEqual([roadshow.id]));
  });

  it('drill-down returns exactly the counted events, with id, source, time, region and schema version', async () => {
    const l = await lineage(ctx, 2024, 'events');
    const counted = l.items.filter((i) => i.status === 'counted');
    expect(counted.map((i) => i.eventId).sort()).toEqual([a.id, lastSecond2024.id, tokyoAfterMidnight.id, (await countedIds(2024, 'roadshows'))[0]!].sort());
    expect(counted.reduce((s, i) => s + i.contribution, 0)).toBe(l.value);
    expect(l.value).toBe((await values(ctx, 2024, ALL_2024))['events']);
    expect(counted[0]).toMatchObject({ eventId: a.id, source: 'tjc/service-network', region: 'tianjin', dataversion: '1.1', time: '2024-03-15T14:00:00.000+08:00' });
    // Named for people (#19.5): the type's title from the catalogue, the kind of record and its name from the event.
    expect(counted[0]).toMatchObject({ type: 'service.activity.held.v1', typeLabel: { zh: '活动举办', en: 'Activity held' }, aggregate: 'activity', subject: 'act-2024-001', headline: '京津冀科技成果供需对接会' });
    expect(l.summary).toEqual({ counted: 4, duplicate: 1, retracted: 1, excluded: 0 });
  });

  it('answers as of a past date (business time ≤ end of that day, Asia/Shanghai), and as known at an instant', async () => {
    expect((await values(ctx, 2024, '?asOf=2024-03-14'))['events']).toBe(0);
    expect((await values(ctx, 2024, '?asOf=2024-03-15'))['events']).toBe(1);
    expect((await values(ctx, 2024, '?asOf=2024-04-30'))['events']).toBe(1); // the April activity was retracted
    expect(await values(ctx, 2024, '?asOf=2024-05-31')).toMatchObject({ trainees: 4, 'key-enterprises-joint-research': 0 });
    expect((await values(ctx, 2024, '?asOf=2024-06-30'))['key-enterprises-joint-research']).toBe(1);
    // What we knew before the corrections: the April activity still counted.
    expect((await values(ctx, 2024, `?asOf=2024-04-30&knownAt=${encodeURIComponent(beforeCorrections)}`))['events']).toBe(2);
    const lin = await lineage(ctx, 2024, 'events', '?asOf=2024-03-31');
    expect(lin.items.map((i) => i.eventId)).toEqual([a.id, aResent.id]);
  });

  it('the cached API answers from the rollups and is invalidated when new events land', async () => {
    const live = await values(ctx, 2024, ALL_2024);
    await eventually(async () => expect(await values(ctx, 2024, '?cache=bypass')).toEqual(live));
    const first = await ctx.sut.http('GET', '/kpi/2024', undefined, ctx.tokens.reader);
    const second = await ctx.sut.http('GET', '/kpi/2024', undefined, ctx.tokens.reader);
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(second.body).toEqual(first.body);
    expect(second.body.basis).toBe('rollup');

    await publish(activity('act-2024-late', { time: '2024-11-11T10:00:00+08:00' }));
    await eventually(async () => {
      const res = await ctx.sut.http('GET', '/kpi/2024', undefined, ctx.tokens.reader);
      expect(res.body.kpis.find((k: { kpiCode: string }) => k.kpiCode === 'events').value).toBe(live['events']! + 1);
    });
  });
  it('counts a project reported by us and by HQ once when the research network links them, with the reason in the lineage; the undo counts both (#18.15)', async () => {
    const before = (await values(ctx, 2024, ALL_2024))['disruptive-projects']!;
    const ours = projectFound('rp-2024-0901', { time: '2024-06-03T10:00:00+08:00' });
    // Demonstrated with us (#18.17: a partner's report counts only when it says so), so both count until linked.
    const hq = projectFound('hq-2024-017', { time: '2024-05-08T10:00:00+08:00', source: 'partner/beijing-hq', attribution: jointWith('partner/beijing-hq', '京津冀国家技术创新中心本部') });
    await publish(ours, hq);
    await eventually(async () => expect((await values(ctx, 2024, ALL_2024))['disruptive-projects']).toBe(before + 2));

    // What the research network publishes when the coordinator confirms "same project" (its reconciliation spec proves it does).
    const reason = '与项目 rp-2024-0901 为同一项目（科研网络协调员确认），该报告不重复计入 / co-report of project rp-2024-0901 (confirmed by the research coordinator); not counted again';
    const link = buildEvent(
      'center.event.corrected.v1',
      { correctionId: 'identity-test-1', target: { source: hq.source, id: hq.id, type: hq.type }, action: 'retract', reason },
      { source: 'tjc/research-network', time: '2024-06-10T10:00:00+08:00' },
    );
    // The same from a network that is not the identity authority of projects is ignored.
    const stranger = buildEvent(
      'center.event.corrected.v1',
      { correctionId: 'identity-test-0', target: { source: ours.source, id: ours.id, type: ours.type }, action: 'retract', reason: '无权撤回' },
      { source: 'tjc/service-network', time: '2024-06-10T10:00:00+08:00' },
    );
    await publish(link, stranger);
    await eventually(async () => expect((await values(ctx, 2024, ALL_2024))['disruptive-projects']).toBe(before + 1));
    const rows = (await lineage(ctx, 2024, 'disruptive-projects')).items;
    expect(rows.find((r) => r.eventId === hq.id)).toMatchObject({ status: 'retracted', contribution: 0, reason: `retracted by tjc/research-network: ${reason}` });
    expect(rows.find((r) => r.eventId === ours.id)).toMatchObject({ status: 'counted', contribution: 1 });

    // The undo: an amendment with the report's own data, later in business time.
    const undo = buildEvent(
      'center.event.corrected.v1',
      { correctionId: 'identity-test-2', target: { source: hq.source, id: hq.id, type: hq.type }, action: 'amend', reason: '撤销同一项目确认 / link undone', replacement: hq.data as Record<string, unknown> },
      { source: 'tjc/research-network', time: '2024-06-11T10:00:00+08:00' },
    );
    await publish(undo);
    await eventually(async () => expect((await values(ctx, 2024, ALL_2024))['disruptive-projects']).toBe(before + 2));
  });

  it('breaks a KPI down by the region its data names (regionPath): transfers by origin, moved by an amendment (#19.5)', async () => {
    const kpi = (year: number) => ctx.sut.http('GET', `/kpi/${year}`, undefined, ctx.tokens.reader).then((r) => (r.body.kpis as { kpiCode: string; byRegion: Record<string, number> }[]).find((k) => k.kpiCode === 'landed-by-origin'));
    await setTargets(ctx, [
      {
        year: 2026,
        kpiCode: 'landed-by-origin',
        label: { zh: '京冀成果在津落地（按来源地）', en: 'Achievements landed, by origin' },
        unit: { zh: '项', en: 'achievements' },
        target: 5,
        eventTypes: ['service.achievement.transferred.v1'],
        filters: [{ path: 'origin.region', op: 'in', values: ['beijing', 'hebei', 'xiongan'] }],
        counting: { kind: 'count-distinct', key: 'subject' },
        regionPath: 'origin.region',
      },
    ]);
    // Both published by the service network in Tianjin: by the publisher, both would be 天津.
    const fromBeijing = transfer('tr-2026-001', 'beijing', { time: '2026-03-02T10:00:00+08:00' });
    const fromHebei = transfer('tr-2026-002', 'hebei', { time: '2026-03-03T10:00:00+08:00' });
    await publish(fromBeijing, fromHebei);
    await eventually(async () => expect((await kpi(2026))?.byRegion).toEqual({ beijing: 1, hebei: 1 }));
    const data = fromBeijing.data as Record<string, unknown>;
    await publish(correction(fromBeijing, { time: '2026-03-10T10:00:00+08:00', source: 'tjc/service-network', action: 'amend', replacement: { ...data, origin: { name: '雄安新区某研究院', region: 'xiongan' } } }));
    await eventually(async () => expect((await kpi(2026))?.byRegion).toEqual({ hebei: 1, xiongan: 1 }));
    expect((await lineage(ctx, 2026, 'landed-by-origin')).items.map((i) => [i.eventId, i.region])).toEqual([
      [fromBeijing.id, 'xiongan'],
      [fromHebei.id, 'hebei'],
    ]);
  });
});
