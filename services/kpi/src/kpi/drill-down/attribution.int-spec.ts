/**
 * Whose achievement is it (#18.17, ADR 0017), through the real path: events
 * published to Kafka as the networks and partners (after the gateway) would,
 * consumed by the KPI service under the seeded 2024 definitions
 * (seeds/src/data/kpi-targets.ts, which count the center's own and joint
 * facts), read back over HTTP from the drill-down and the annual report.
 * Real: Kafka, PostgreSQL, Redis, the app. Faked: nothing.
 *
 * Before the fix the 2024 definitions counted every reported activity and
 * project, so HQ's own roadshow and HQ's own selection counted for the center.
 */
import type { PlatformEvent } from '@tjc/contracts';
import { activity, eventually, jointWith, lineage, projectFound, seededTargets2024, setTargets, startKpiForTest, values, type KpiTestContext } from '../../testing/kpi-harness';

let ctx: KpiTestContext;
const ALL_2024 = '?asOf=2024-12-31';
const publish = (...events: PlatformEvent[]) => ctx.sut.events.publish(...events);

beforeAll(async () => {
  ctx = await startKpiForTest();
  await setTargets(ctx, seededTargets2024());
});
afterAll(() => ctx?.stop());

const HQ = '京津冀国家技术创新中心本部';
const hqOnly = activity('act-hq-own', { time: '2024-05-10T14:00:00+08:00', source: 'partner/beijing-hq', attribution: { centerRole: 'partner-only', organiser: { name: HQ, source: 'partner/beijing-hq' } } });
const hqJoint = activity('act-hq-joint', { time: '2024-05-11T14:00:00+08:00', source: 'partner/beijing-hq', attribution: jointWith('partner/beijing-hq', HQ) });
const own = activity('act-own', { time: '2024-05-12T14:00:00+08:00', attribution: { centerRole: 'own', organiser: { name: '天津中心', source: 'tjc/service-network' } } });
const legacyOwn = activity('act-legacy', { time: '2024-05-13T14:00:00+08:00' });
const hebeiUnstated = activity('act-hb-unstated', { time: '2024-05-14T14:00:00+08:00', source: 'partner/hebei-center' });
const hebeiClaimsOwn = activity('act-hb-claim', { time: '2024-05-15T14:00:00+08:00', source: 'partner/hebei-center', attribution: { centerRole: 'own', organiser: { name: '天津中心' } } });

const hqSelected = projectFound('hq-2024-017', { time: '2024-05-01T10:00:00+08:00', source: 'partner/beijing-hq', attribution: { centerRole: 'partner-only', organiser: { name: HQ, source: 'partner/beijing-hq' } } });
const demonstratedWithHq = projectFound('rp-2024-0001', { time: '2024-05-02T10:00:00+08:00', attribution: { centerRole: 'joint', organiser: { name: '天津中心', source: 'tjc/research-network' } } });

describe('attribution: the center is judged on what it organised, co-organised or selected', () => {
  it('an activity HQ held alone is excluded with the reason and its attribution; joint, own and the own services’ older events count', async () => {
    await publish(hqOnly, hqJoint, own, legacyOwn, hebeiUnstated, hebeiClaimsOwn);
    await eventually(async () => expect((await lineage(ctx, 2024, 'events')).total).toBe(6));
    expect((await values(ctx, 2024, ALL_2024))['events']).toBe(3);

    const l = await lineage(ctx, 2024, 'events');
    const row = (id: string) => l.items.find((i) => i.eventId === id)!;
    expect(l.items.filter((i) => i.status === 'counted').map((i) => i.eventId).sort()).toEqual([hqJoint.id, own.id, legacyOwn.id].sort());

    expect(row(hqOnly.id)).toMatchObject({ status: 'excluded', contribution: 0, attribution: { basis: 'stated', centerRole: 'partner-only', centerRoleLabel: { zh: '仅合作方（天津中心未参与）' }, organiser: { name: HQ } } });
    expect(row(hqOnly.id).reason).toContain('归属为“仅合作方（天津中心未参与）”（主办/遴选：京津冀国家技术创新中心本部），不计入本指标');
    expect(row(hqJoint.id)).toMatchObject({ status: 'counted', attribution: { basis: 'stated', centerRole: 'joint', organiser: { name: HQ, source: 'partner/beijing-hq' } } });
    expect(row(own.id)).toMatchObject({ status: 'counted', attribution: { basis: 'stated', centerRole: 'own' } });
    expect(row(legacyOwn.id)).toMatchObject({ status: 'counted', attribution: { basis: 'implied-own', centerRole: 'own', organiser: { source: 'tjc/service-network' } } });
    expect(row(hebeiUnstated.id)).toMatchObject({ status: 'excluded', attribution: { basis: 'unstated', centerRole: null } });
    expect(row(hebeiUnstated.id).reason).toMatch(/^归属未声明/);
    expect(row(hebeiClaimsOwn.id)).toMatchObject({ status: 'excluded', attribution: { basis: 'refused', centerRole: null, statedRole: 'own' } });
    expect(row(hebeiClaimsOwn.id).reason).toMatch(/^合作方不能声明“自办”/);
  });

  it('a project HQ selected alone does not count; one demonstrated jointly with HQ does', async () => {
    await publish(hqSelected, demonstratedWithHq);
    await eventually(async () => expect((await lineage(ctx, 2024, 'disruptive-projects')).total).toBe(2));
    const l = await lineage(ctx, 2024, 'disruptive-projects');
    expect(l.value).toBe(1);
    expect(l.items.map((i) => [i.eventId, i.status, i.attribution?.centerRole ?? null])).toEqual([
      [hqSelected.id, 'excluded', 'partner-only'],
      [demonstratedWithHq.id, 'counted', 'joint'],
    ]);
  });

  it('the center attests its part by an amendment; the drill-down shows the amended attribution', async () => {
    const res = await ctx.sut.http(
      'POST',
      '/kpi/corrections',
      { target: { source: hqOnly.source, id: hqOnly.id, type: hqOnly.type }, action: 'amend', reason: '经核实为与本部联合举办', replacement: { ...(hqOnly.data as Record<string, unknown>), attribution: jointWith('partner/beijing-hq', HQ) } },
      ctx.tokens.admin,
    );
    expect(res.status).toBe(202);
    await eventually(async () => expect((await values(ctx, 2024, ALL_2024))['events']).toBe(4));
    const item = (await lineage(ctx, 2024, 'events')).items.find((i) => i.eventId === hqOnly.id)!;
    expect(item).toMatchObject({ status: 'counted', attribution: { basis: 'stated', centerRole: 'joint' } });
  });

  it('the annual report lists the attribution of every fact', async () => {
    const res = await ctx.sut.http('GET', '/kpi/2024/report.json', undefined, ctx.tokens.reader);
    expect(res.status).toBe(200);
    const rows = (res.body.lineage as { eventId: string; attribution: { centerRole: string | null } | null }[]).filter((r) => r.eventId === hebeiUnstated.id || r.eventId === demonstratedWithHq.id);
    expect(rows.map((r) => [r.eventId, r.attribution?.centerRole ?? null]).sort()).toEqual(
      [
        [hebeiUnstated.id, null],
        [demonstratedWithHq.id, 'joint'],
      ].sort(),
    );
  });
});
