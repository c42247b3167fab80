import { createHmac } from 'node:crypto';
import { FUNDS } from '../data/fund';
import { industryChallenges, industryConsortia, industryDemands, industryEnterprises } from '../data/industry';
import { KPI_TARGETS_2024 } from '../data/kpi-targets';
import { researchAchievements, researchProjects } from '../data/research';
import { serviceActivities, serviceSessions, serviceTransfers } from '../data/service';
import { parsePartnerSecrets, parseServicesConf } from './config';
import { differences, expectedKpis, shanghaiYear, type SeedYear } from './expected-kpis';
import type { KpiView } from './kpi';
import { partnerBatches, partnerTransfers, republishedProject } from './partner-data';
import { signatureOf } from './partner-client';
import { envelopeOf } from './play-partners';
import { lineageText, paceStatus, percentOf, renderKpiTable, renderRestatements } from './report';
import { lateActivity, wrongActivity } from './story-data';
import { displayWidth, pad, renderTable, truncate } from './text-table';
import { instantOf, mapPool, sortSteps, waitFor, WaitTimeout } from './timeline';

const seed: SeedYear = {
  research: { projects: researchProjects, achievements: researchAchievements },
  industry: { enterprises: industryEnterprises, demands: industryDemands, challenges: industryChallenges, consortia: industryConsortia },
  service: { transfers: serviceTransfers, sessions: serviceSessions, activities: serviceActivities },
  partners: { batches: partnerBatches, extraEvents: [republishedProject.event], transfers: partnerTransfers },
};

describe('displayWidth / pad / truncate', () => {
  it('counts CJK characters and fullwidth punctuation as two columns', () => {
    expect(displayWidth('KPI')).toBe(3);
    expect(displayWidth('项目')).toBe(4);
    expect(displayWidth('（约10项）')).toBe(10); // （ 约 1 0 项 ） = 2+2+1+1+2+2
    expect(displayWidth('遴选原创性颠覆性技术成果（约10项）')).toBe(12 * 2 + 10);
  });

  it('ignores ANSI colour codes and combining marks', () => {
    expect(displayWidth('\u001b[1m考核\u001b[0m')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('pads to terminal columns, not string length', () => {
    expect(pad('人次', 6)).toBe('人次  ');
    expect(pad('10', 6, 'right')).toBe('    10');
    expect(displayWidth(pad('培养技术转移人才', 20))).toBe(20);
  });

  it('truncates without splitting a wide character', () => {
    const cut = truncate('京津冀科技成果在津落地', 9);
    expect(cut).toBe('京津冀科…');
    expect(displayWidth(cut)).toBeLessThanOrEqual(9);
    expect(truncate('short', 9)).toBe('short');
  });

  it('renders a table whose rows all have the same width with mixed Chinese and ASCII', () => {
    const table = renderTable(
      [{ header: '考核指标 KPI' }, { header: 'target', align: 'right' }],
      [
        ['遴选原创性颠覆性技术成果（约10项）', '10 项'],
        ['trainees', '800 人次'],
      ],
    );
    const widths = new Set(table.split('\n').map(displayWidth));
    expect(widths.size).toBe(1);
    expect(table).toContain('|    10 项 |');
  });
});

describe('expected KPIs from the seed data', () => {
  const expected = expectedKpis(seed, 2024);

  it('meets the 2024 plan with the seeds, the partners and the story', () => {
    // 3 found by the research network + 7 distinct partner projects (the re-published one counts once).
    expect(expected['disruptive-projects']).toBe(10);
    // 天士力, 力神, 中汽中心 formed directly; TCL中环 and 飞腾 confirmed after their challenges.
    expect(expected['key-enterprises-joint-research']).toBe(5);
    // 4 of the coordinators' landed transfers come from Beijing/Hebei (南开's electrolyte does not) + 6 partner offers.
    expect(expected['achievements-landed']).toBe(10);
    expect(expected.trainees).toBe(812);
    expect(expected.events).toBe(10);
  });

  it('is the codes of the 2024 targets', () => {
    expect(Object.keys(expected).sort()).toEqual(KPI_TARGETS_2024.map((t) => t.kpiCode).sort());
  });

  it('counts nothing for another year (the KPIs do not depend on the day the demo runs)', () => {
    expect(Object.values(expectedKpis(seed, 2025)).every((v) => v === 0)).toBe(true);
  });

  it('names the KPIs that differ', () => {
    expect(differences({ events: 10, trainees: 812 }, new Map([['events', 11], ['trainees', 812]]))).toEqual(['events: 11 ≠ 10']);
    expect(differences({ events: 10 }, new Map())).toEqual(['events: — ≠ 10']);
  });

  it('reads years in Asia/Shanghai', () => {
    expect(shanghaiYear('2024-12-31T20:00:00Z')).toBe(2025); // 04:00 on 1 January in Shanghai
    expect(shanghaiYear('2024-12-28')).toBe(2024);
  });
});

describe('the seed data stays in 2024 and consistent', () => {
  it('dates every business fact of the story in 2024', () => {
    const times = [
      ...partnerBatches.flatMap((b) => [b.sentOn, ...b.events.map((e) => e.time)]),
      republishedProject.event.time,
      ...partnerTransfers.map((t) => t.landedOn),
      wrongActivity.enteredOn,
      lateActivity.plan.plannedOn,
    ];
    expect(times.every((t) => shanghaiYear(t) === 2024)).toBe(true);
  });

  it('lands only partner offers that were listed, after they were listed', () => {
    const listed = new Map(partnerBatches.flatMap((b) => b.events.flatMap((e) => (e.type === 'research.achievement.listed.v1' ? [[e.data.achievementId, e.time] as const] : []))));
    for (const t of partnerTransfers) {
      expect(listed.has(t.achievementId)).toBe(true);
      expect(instantOf(t.landedOn)).toBeGreaterThan(instantOf(listed.get(t.achievementId)!));
    }
  });

  it('uses unique partner event ids, each a valid envelope of its partner', () => {
    const ids = [...partnerBatches.flatMap((b) => b.events.map((e) => e.id)), republishedProject.event.id];
    expect(new Set(ids).size).toBe(ids.length);
    for (const b of partnerBatches) {
      for (const e of b.events) expect(envelopeOf(b.partner, e)).toMatchObject({ id: e.id, source: `partner/${b.partner}`, type: e.type, time: e.time });
    }
  });

  it('refers to funds that exist', () => {
    expect(FUNDS.map((f) => f.id)).toContain('fund-jjj-transfer');
  });
});

describe('timeline', () => {
  it('orders by business time, keeping the insertion order of steps at the same time', () => {
    const steps = [{ at: '2024-05-01', n: 1 }, { at: '2024-03-01T09:00:00+08:00', n: 2 }, { at: '2024-05-01', n: 3 }, { at: '2024-05-01T08:00:00+08:00', n: 4 }];
    expect(sortSteps(steps).map((s) => s.n)).toEqual([2, 4, 1, 3]);
  });

  it('runs a pool with bounded concurrency, results in input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapPool([5, 1, 3, 2, 4], 2, async (x) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, x));
      inFlight--;
      return x * 10;
    });
    expect(out).toEqual([50, 10, 30, 20, 40]);
    expect(peak).toBe(2);
  });

  it('waits until a probe answers, and times out naming what it waited for', async () => {
    let calls = 0;
    await expect(waitFor('three calls', async () => (++calls >= 3 ? 'done' : undefined), { intervalMs: 1 })).resolves.toBe('done');
    await expect(waitFor('never', async () => undefined, { timeoutMs: 20, intervalMs: 5, lastSeen: () => 'events: 9 ≠ 10' })).rejects.toThrow(WaitTimeout);
    await expect(waitFor('never', async () => undefined, { timeoutMs: 20, intervalMs: 5, lastSeen: () => 'events: 9 ≠ 10' })).rejects.toThrow(/never.*events: 9 ≠ 10/);
  });
});

describe('partner signing (docs/partners.md section 3)', () => {
  it('matches the Standard Webhooks test vector', () => {
    expect(signatureOf('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs id.timestamp.body with the decoded secret', () => {
    const secret = `whsec_${Buffer.from('a'.repeat(32)).toString('base64')}`;
    const mac = createHmac('sha256', Buffer.from('a'.repeat(32))).update('msg_1.1700000000.{"events":[]}').digest('base64');
    expect(signatureOf(secret, 'msg_1', '1700000000', '{"events":[]}')).toBe(`v1,${mac}`);
  });
});

describe('config', () => {
  it('reads ports from infra/services.conf', () => {
    const ports = parseServicesConf('# name port db pkg\nresearch-network  3101  tjc_research  @tjc/research-network\n\nkpi 3105 tjc_kpi @tjc/kpi # trailing\n');
    expect(Object.fromEntries(ports)).toEqual({ 'research-network': 3101, kpi: 3105 });
  });

  it('takes the first (newest) secret of each partner, as a list or a string', () => {
    expect(parsePartnerSecrets('{"beijing-hq":["whsec_new","whsec_old"],"hebei-center":"whsec_x"}')).toEqual({ 'beijing-hq': 'whsec_new', 'hebei-center': 'whsec_x' });
    expect(() => parsePartnerSecrets('not json')).toThrow(/PARTNER_SECRETS/);
  });
});

describe('report', () => {
  const kpi = (over: Partial<KpiView>): KpiView => ({
    kpiCode: 'events',
    label: { zh: '举办项目推介、供需对接、融资路演等活动（10场以上）', en: 'Events' },
    unit: { zh: '场', en: 'events' },
    target: 10,
    value: 11,
    pace: { elapsedShare: 1, expected: 10, forecast: 11, progress: 1.1, behind: false },
    ...over,
  });

  it('computes percent and pace status', () => {
    expect(percentOf(11, 10)).toBe('110%');
    expect(percentOf(812, 800)).toBe('102%');
    expect(percentOf(3, 0)).toBe('—');
    expect(paceStatus(kpi({}))).toBe('已完成');
    expect(paceStatus(kpi({ value: 4, pace: { elapsedShare: 0.5, expected: 5, forecast: 8, progress: 0.4, behind: true } }))).toBe('落后');
    expect(paceStatus(kpi({ value: 5, pace: { elapsedShare: 0.5, expected: 5, forecast: 10, progress: 0.5, behind: false } }))).toBe('正常');
  });

  it('prints one aligned row per KPI with the lineage summary', () => {
    const table = renderKpiTable([kpi({}), kpi({ kpiCode: 'trainees', label: { zh: '培养技术转移人才（约800人次）', en: '' }, unit: { zh: '人次', en: '' }, target: 800, value: 812, pace: { elapsedShare: 1, expected: 800, forecast: 812, progress: 1.02, behind: false } })], new Map([['events', { counted: 11, duplicate: 0, retracted: 1, excluded: 0 }]]));
    const lines = table.split('\n');
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
    expect(table).toContain('812 人次');
    expect(table).toContain('102%');
    expect(table).toContain('计入 11 · 撤回 1');
    expect(lineageText({ counted: 10, duplicate: 1, retracted: 0, excluded: 0 })).toBe('计入 10 · 重复 1');
  });

  it('prints restatements of a closed year', () => {
    const text = renderRestatements(
      { closed: { at: '2026-11-22T11:00:00+08:00', by: 'zhao.lei', values: { events: 10 } }, items: [{ kpiCode: 'events', previousValue: 10, newValue: 11, cause: { source: 'tjc/service-network', eventId: 'e1', type: 'service.activity.held.v1' }, at: '2026-11-22T11:01:00+08:00' }], total: 1 },
      new Map([['events', '活动']]),
    );
    expect(text).toContain('已于 2026-11-22T11:00:00+08:00 关账');
    expect(text).toMatch(/活动\s*\|\s*10 \|\s*11 \|/);
    expect(renderRestatements(undefined, new Map())).toContain('尚未关账');
  });
});
