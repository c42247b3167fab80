import type { CandidateEvent, CorrectionRecord, KpiRule } from './kpi-evaluator';
import { evaluateKpi, failedFilter, judgeCorrection, readPath } from './kpi-evaluator';

let n = 0;
function ev(partial: Partial<CandidateEvent> & { data: unknown }): CandidateEvent {
  n += 1;
  return {
    source: 'tjc/service-network',
    id: `e-${String(n).padStart(3, '0')}`,
    type: 'service.activity.held.v1',
    subject: `s-${n}`,
    time: new Date('2024-05-01T10:00:00+08:00'),
    region: 'tianjin',
    dataversion: '1.0',
    receivedAt: new Date('2024-05-01T02:00:00Z'),
    ...partial,
  };
}
function corr(target: CandidateEvent, partial: Partial<CorrectionRecord> = {}): CorrectionRecord {
  n += 1;
  return {
    source: 'tjc/center',
    id: `c-${n}`,
    time: new Date('2024-06-01T10:00:00+08:00'),
    receivedAt: new Date('2024-06-01T02:00:00Z'),
    correctionId: `corr-${n}`,
    target: { source: target.source, id: target.id, type: target.type },
    action: 'retract',
    reason: '重复录入',
    ...partial,
  };
}

const activities: KpiRule = { eventTypes: ['service.activity.held.v1'], filters: [], counting: { kind: 'count-distinct', key: 'subject' } };
const keyEnterprises: KpiRule = {
  eventTypes: ['industry.consortium.formed.v1'],
  filters: [
    { path: 'leadEnterprise.isKeyEnterprise', op: 'eq', value: true },
    { path: 'leadEnterprise.region', op: 'eq', value: 'tianjin' },
  ],
  counting: { kind: 'count-distinct', key: 'leadEnterprise.id' },
};
const trainees: KpiRule = { eventTypes: ['service.training.completed.v1'], filters: [], counting: { kind: 'sum-distinct-items', items: 'completions', key: 'enrolmentId' } };
const landed: KpiRule = {
  eventTypes: ['service.achievement.transferred.v1'],
  filters: [{ path: 'origin.region', op: 'in', values: ['beijing', 'hebei', 'xiongan'] }],
  counting: { kind: 'count-distinct', key: 'subject' },
};

describe('readPath and filters', () => {
  const data = { origin: { region: 'hebei' }, lead: { isKey: true, n: 3 }, list: [{ k: 'a' }] };
  it('reads dot paths into objects and arrays', () => {
    expect(readPath(data, 'origin.region')).toBe('hebei');
    expect(readPath(data, 'list.0.k')).toBe('a');
    expect(readPath(data, 'origin.region.deeper')).toBeUndefined();
    expect(readPath(data, 'nope.x')).toBeUndefined();
  });
  it('eq is strict, in accepts listed values, exists needs a non-null value', () => {
    expect(failedFilter({ path: 'lead.isKey', op: 'eq', value: true }, data)).toBeUndefined();
    expect(failedFilter({ path: 'lead.isKey', op: 'eq', value: 'true' }, data)).toMatch(/required "true"/);
    expect(failedFilter({ path: 'origin.region', op: 'in', values: ['beijing', 'hebei'] }, data)).toBeUndefined();
    expect(failedFilter({ path: 'origin.region', op: 'in', values: ['beijing'] }, data)).toBe('origin.region = "hebei", required one of ["beijing"]');
    expect(failedFilter({ path: 'lead.n', op: 'in', values: [3] }, data)).toBeUndefined();
    expect(failedFilter({ path: 'lead.n', op: 'exists' }, data)).toBeUndefined();
    expect(failedFilter({ path: 'lead.missing', op: 'exists' }, data)).toBe('lead.missing is missing');
    expect(failedFilter({ path: 'lead.missing', op: 'exists' }, { lead: { missing: null } })).toBe('lead.missing is missing');
  });
});

describe('evaluateKpi', () => {
  it('counts distinct subjects; a second event of the same subject does not add and names the maker', () => {
    const a = ev({ subject: 'act-1', data: {} });
    const b = ev({ subject: 'act-1', time: new Date('2024-05-02T10:00:00+08:00'), data: {} });
    const c = ev({ subject: 'act-2', data: {} });
    const result = evaluateKpi(activities, [b, c, a]);
    expect(result.value).toBe(2);
    const fb = result.facts.find((f) => f.event === b)!;
    expect(fb.status).toBe('duplicate');
    expect(fb.duplicates).toEqual([{ key: 'act-1', madeBy: { source: a.source, id: a.id } }]);
    expect(result.facts.find((f) => f.event === a)).toMatchObject({ status: 'counted', contribution: 1, keys: ['act-1'] });
  });

  it('does not depend on arrival order', () => {
    const events = [1, 2, 3, 4, 5].map((i) => ev({ subject: `act-${i % 3}`, time: new Date(Date.UTC(2024, 2, 10 - i)), data: {} }));
    const forward = evaluateKpi(activities, events);
    const backward = evaluateKpi(activities, [...events].reverse());
    expect(backward).toEqual(forward);
    expect(forward.value).toBe(3);
  });

  it('ignores events of other types', () => {
    expect(evaluateKpi(activities, [ev({ type: 'fund.grant.awarded.v1', data: {} })])).toEqual({ value: 0, facts: [] });
  });

  it('applies every filter and counts distinct values of a data path', () => {
    const lead = (id: string, region: string, isKeyEnterprise: boolean) => ({ leadEnterprise: { id, region, isKeyEnterprise } });
    const formed = (data: unknown) => ev({ source: 'tjc/industry-network', type: 'industry.consortium.formed.v1', data });
    const result = evaluateKpi({ ...keyEnterprises }, [
      formed(lead('ent-a', 'tianjin', true)),
      formed(lead('ent-a', 'tianjin', true)),
      formed(lead('ent-b', 'tianjin', false)),
      formed(lead('ent-c', 'beijing', true)),
      formed(lead('ent-d', 'tianjin', true)),
    ]);
    expect(result.value).toBe(2);
    expect(result.facts.map((f) => f.status)).toEqual(['counted', 'duplicate', 'excluded', 'excluded', 'counted']);
    expect(result.facts[2]!.reason).toBe('leadEnterprise.isKeyEnterprise = false, required true');
    expect(result.facts[3]!.reason).toBe('leadEnterprise.region = "beijing", required "tianjin"');
  });

  it('sums distinct items across events (person-times by enrolment)', () => {
    const s1 = ev({ type: 'service.training.completed.v1', data: { completions: [{ enrolmentId: 'en-1' }, { enrolmentId: 'en-2' }, { enrolmentId: 'en-2' }] } });
    const s2 = ev({ type: 'service.training.completed.v1', time: new Date('2024-06-01T00:00:00Z'), data: { completions: [{ enrolmentId: 'en-2' }, { enrolmentId: 'en-3' }] } });
    const s3 = ev({ type: 'service.training.completed.v1', time: new Date('2024-07-01T00:00:00Z'), data: { completions: [{ enrolmentId: 'en-3' }] } });
    const result = evaluateKpi(trainees, [s3, s2, s1]);
    expect(result.value).toBe(3);
    expect(result.facts.map((f) => [f.status, f.contribution, f.keys])).toEqual([
      ['counted', 2, ['en-1', 'en-2']],
      ['counted', 1, ['en-3']],
      ['duplicate', 0, []],
    ]);
    expect(result.facts[1]!.duplicates).toEqual([{ key: 'en-2', madeBy: { source: s1.source, id: s1.id } }]);
  });

  it('excludes events without a counting key or item list', () => {
    const result = evaluateKpi(trainees, [ev({ type: 'service.training.completed.v1', data: { completions: 'x' } }), ev({ type: 'service.training.completed.v1', data: { completions: [{ other: 1 }] } })]);
    expect(result.value).toBe(0);
    expect(result.facts.map((f) => f.reason)).toEqual(['completions is not a list', 'counting key completions[].enrolmentId is missing']);
  });

  describe('facts the center owns (#18.14: the key-enterprise registry is the authority)', () => {
    const lead = (id: string, isKeyEnterprise: boolean) => ({ leadEnterprise: { id, name: '天津碳纤维新材料有限公司', region: 'tianjin', isKeyEnterprise } });
    const formed = (source: string, data: unknown, subject = `cs-${n + 1}`) => ev({ source, type: 'industry.consortium.formed.v1', subject, data });

    it("a partner's consortium claiming a Tianjin enterprise is key is excluded with the reason, not counted", () => {
      const claim = formed('partner/hebei-center', lead('ent-tjcarbon', true));
      const result = evaluateKpi(keyEnterprises, [claim]);
      expect(result.value).toBe(0);
      expect(result.facts[0]).toMatchObject({ status: 'excluded', contribution: 0 });
      expect(result.facts[0]!.reason).toBe(
        'leadEnterprise.isKeyEnterprise 由 partner/hebei-center 声称，权威为产业网络重点企业名单（tjc/industry-network）/ asserted by partner/hebei-center, the authority is the industry network\'s key-enterprise registry (tjc/industry-network)',
      );
    });

    it("counts the registry's own statement of the same consortium once, whatever the partner claimed", () => {
      const claim = formed('partner/hebei-center', lead('hb-ent-7', true), 'hb-cs-1');
      const listed = formed('tjc/industry-network', { ...lead('ent-tjcarbon', true), restates: { source: 'partner/hebei-center', eventId: claim.id, consortiumId: 'hb-cs-1' } }, 'cs-1');
      const notListed = formed('tjc/industry-network', lead('ent-small', false), 'cs-2');
      const result = evaluateKpi(keyEnterprises, [claim, listed, notListed]);
      expect(result.value).toBe(1);
      expect(result.facts.map((f) => [f.event.source, f.status, f.keys])).toEqual([
        ['partner/hebei-center', 'excluded', []],
        ['tjc/industry-network', 'counted', ['ent-tjcarbon']],
        ['tjc/industry-network', 'excluded', []],
      ]);
    });

    it("follows the registry's amendment (delisted before the formation date) and refuses a partner's or the center admin's amendment of the claim", () => {
      const own = formed('tjc/industry-network', lead('ent-a', true));
      const delisted = corr(own, { source: 'tjc/industry-network', action: 'amend', reason: '组建日前已移出重点企业名单', replacement: lead('ent-a', false) });
      expect(evaluateKpi(keyEnterprises, [own], [delisted]).value).toBe(0);

      const claim = formed('partner/beijing-hq', lead('ent-b', false));
      const byPartner = corr(claim, { source: 'partner/beijing-hq', action: 'amend', reason: '更正为重点企业', replacement: lead('ent-b', true) });
      const byCenter = corr(claim, { source: 'tjc/center', action: 'amend', reason: '更正为重点企业', time: new Date('2024-07-01T10:00:00+08:00'), replacement: lead('ent-b', true) });
      const result = evaluateKpi(keyEnterprises, [claim], [byPartner, byCenter]);
      expect(result.value).toBe(0);
      expect(result.facts[0]!.reason).toContain('asserted by tjc/center');
    });

    it('leaves every path nobody declared an authority for as it was (a partner found project counts by subject)', () => {
      const found: KpiRule = { eventTypes: ['research.project.found.v1'], filters: [], counting: { kind: 'count-distinct', key: 'subject' } };
      expect(evaluateKpi(found, [ev({ source: 'partner/beijing-hq', type: 'research.project.found.v1', data: {} })]).value).toBe(1);
    });
  });

  describe('corrections', () => {
    it('a retraction removes the event and the next event of the same key takes over', () => {
      const first = ev({ subject: 'act-9', data: {} });
      const second = ev({ subject: 'act-9', time: new Date('2024-05-03T00:00:00Z'), data: {} });
      const before = evaluateKpi(activities, [first, second]);
      expect(before.value).toBe(1);
      const after = evaluateKpi(activities, [first, second], [corr(first)]);
      expect(after.value).toBe(1);
      expect(after.facts.map((f) => f.status)).toEqual(['retracted', 'counted']);
      expect(after.facts[0]!.correction).toMatchObject({ action: 'retract', source: 'tjc/center' });
      expect(evaluateKpi(activities, [first], [corr(first)]).value).toBe(0);
    });

    it('an amendment replaces the data and the filters are evaluated again', () => {
      const t = ev({ type: 'service.achievement.transferred.v1', data: { origin: { region: 'hebei' } } });
      expect(evaluateKpi(landed, [t]).value).toBe(1);
      const amended = evaluateKpi(landed, [t], [corr(t, { action: 'amend', replacement: { origin: { region: 'tianjin' } } })]);
      expect(amended.value).toBe(0);
      expect(amended.facts[0]).toMatchObject({ status: 'excluded', correction: { action: 'amend' } });
      const back = evaluateKpi(landed, [ev({ ...t, data: { origin: { region: 'tianjin' } } })], [corr(t, { action: 'amend', replacement: { origin: { region: 'beijing' } } })]);
      expect(back.value).toBe(1);
    });

    it('accepts corrections only from the publisher or the center', () => {
      const t = ev({ source: 'partner/hebei-center', data: {} });
      expect(judgeCorrection({ source: 'partner/hebei-center', target: { source: t.source, id: t.id, type: t.type } }, t)).toBe('accepted');
      expect(judgeCorrection({ source: 'tjc/center', target: { source: t.source, id: t.id, type: t.type } }, t)).toBe('accepted');
      expect(judgeCorrection({ source: 'partner/beijing-hq', target: { source: t.source, id: t.id, type: t.type } }, t)).toBe('unauthorised');
      expect(judgeCorrection({ source: 'tjc/center', target: { source: t.source, id: t.id, type: 'fund.grant.awarded.v1' } }, t)).toBe('type-mismatch');
      expect(evaluateKpi(activities, [t], [corr(t, { source: 'partner/beijing-hq' })]).value).toBe(1);
      expect(evaluateKpi(activities, [t], [corr(t, { target: { source: t.source, id: t.id, type: 'fund.grant.awarded.v1' } })]).value).toBe(1);
    });

    it('lets the research network, as the authority of project identity, retract and restore a partner’s project report, and nothing else (#18.15)', () => {
      const disruptive: KpiRule = { eventTypes: ['research.project.found.v1'], filters: [], counting: { kind: 'count-distinct', key: 'subject' } };
      const ours = ev({ source: 'tjc/research-network', type: 'research.project.found.v1', subject: 'rp-2024-0001', data: { projectId: 'rp-2024-0001' } });
      const hq = ev({ source: 'partner/beijing-hq', type: 'research.project.found.v1', subject: 'hq-2024-031', data: { projectId: 'hq-2024-031' } });
      expect(evaluateKpi(disruptive, [ours, hq]).value).toBe(2);
      const reason = '与项目 rp-2024-0001 为同一项目（科研网络协调员确认） / same project as rp-2024-0001 (confirmed by the research coordinator)';
      const link = corr(hq, { source: 'tjc/research-network', reason, time: new Date('2024-06-01T10:00:00+08:00') });
      const linked = evaluateKpi(disruptive, [ours, hq], [link]);
      expect(linked.value).toBe(1);
      expect(linked.facts.find((f) => f.event.id === hq.id)).toMatchObject({ status: 'retracted', reason: `retracted by tjc/research-network: ${reason}` });
      // The undo: an amendment with the report's own data, later in business time, restores the count.
      const undo = corr(hq, { source: 'tjc/research-network', action: 'amend', replacement: hq.data, reason: '撤销同一项目确认 / link undone', time: new Date('2024-06-02T10:00:00+08:00') });
      expect(evaluateKpi(disruptive, [ours, hq], [link, undo]).value).toBe(2);
      // Not our own networks' events, not another type, not from another network.
      expect(judgeCorrection({ source: 'tjc/research-network', target: { source: hq.source, id: hq.id, type: hq.type } }, hq)).toBe('accepted');
      const industryOwn = ev({ source: 'tjc/industry-network', type: 'research.project.found.v1', data: {} });
      expect(judgeCorrection({ source: 'tjc/research-network', target: { source: industryOwn.source, id: industryOwn.id, type: industryOwn.type } }, industryOwn)).toBe('unauthorised');
      const partnerActivity = ev({ source: 'partner/beijing-hq', type: 'service.activity.held.v1', data: {} });
      expect(judgeCorrection({ source: 'tjc/research-network', target: { source: partnerActivity.source, id: partnerActivity.id, type: partnerActivity.type } }, partnerActivity)).toBe('unauthorised');
      expect(judgeCorrection({ source: 'tjc/service-network', target: { source: hq.source, id: hq.id, type: hq.type } }, hq)).toBe('unauthorised');
      expect(judgeCorrection({ source: 'partner/hebei-center', target: { source: hq.source, id: hq.id, type: hq.type } }, hq)).toBe('unauthorised');
    });

    it('the latest correction by business time wins, whatever the order they arrive in', () => {
      const t = ev({ data: {} });
      const retract = corr(t, { time: new Date('2024-06-01T00:00:00Z') });
      const amend = corr(t, { action: 'amend', replacement: {}, time: new Date('2024-07-01T00:00:00Z') });
      expect(evaluateKpi(activities, [t], [amend, retract]).value).toBe(1);
      expect(evaluateKpi(activities, [t], [retract, amend]).value).toBe(1);
      const late = corr(t, { time: new Date('2024-08-01T00:00:00Z') });
      expect(evaluateKpi(activities, [t], [late, amend, retract]).value).toBe(0);
    });

    it('a correction that arrived before its target applies once the target is there', () => {
      const t = ev({ data: {} });
      const early = corr(t, { receivedAt: new Date('2024-01-01T00:00:00Z') });
      expect(evaluateKpi(activities, [], [early]).value).toBe(0);
      expect(evaluateKpi(activities, [t], [early]).facts[0]!.status).toBe('retracted');
    });
  });
});
