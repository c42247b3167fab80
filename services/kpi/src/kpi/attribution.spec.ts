/**
 * Whose achievement is it (#18.17, ADR 0017): the KPI definitions say, as a
 * filter on `attribution.centerRole`, which attributions count; the 2024 ones
 * count the center's own and joint facts. Pure evaluator tests, no I/O.
 */
import type { KpiFilter } from '@tjc/contracts';
import type { CandidateEvent, KpiRule } from './kpi-evaluator';
import { attributionOf, evaluateKpi, failedFilterOf } from './kpi-evaluator';

let n = 0;
function ev(partial: Partial<CandidateEvent> & { data: unknown }): CandidateEvent {
  n += 1;
  return {
    source: 'tjc/service-network',
    id: `e-${String(n).padStart(3, '0')}`,
    type: 'service.activity.held.v1',
    subject: `act-${n}`,
    time: new Date(`2024-05-${String(n).padStart(2, '0')}T10:00:00+08:00`),
    region: 'tianjin',
    dataversion: '1.1',
    receivedAt: new Date('2024-06-01T02:00:00Z'),
    ...partial,
  };
}

const OWN_OR_JOINT: KpiFilter = { path: 'attribution.centerRole', op: 'in', values: ['own', 'joint'] };
const activities: KpiRule = { eventTypes: ['service.activity.held.v1'], filters: [OWN_OR_JOINT], counting: { kind: 'count-distinct', key: 'subject' } };
const projects: KpiRule = { eventTypes: ['research.project.found.v1'], filters: [OWN_OR_JOINT], counting: { kind: 'count-distinct', key: 'subject' } };

const hq = { name: '京津冀国家技术创新中心本部', source: 'partner/beijing-hq' };

describe('attribution in the KPI evaluator', () => {
  it('an activity HQ held alone is excluded with the reason; a joint one and the center’s own count', () => {
    const hqOnly = ev({ source: 'partner/beijing-hq', region: 'beijing', data: { activityId: 'hq-1', attribution: { centerRole: 'partner-only', organiser: hq } } });
    const joint = ev({ source: 'partner/beijing-hq', region: 'beijing', data: { activityId: 'hq-2', attribution: { centerRole: 'joint', organiser: hq } } });
    const own = ev({ data: { activityId: 'act-own', attribution: { centerRole: 'own', organiser: { name: '天津中心', source: 'tjc/center' } } } });

    const result = evaluateKpi(activities, [hqOnly, joint, own]);

    expect(result.value).toBe(2);
    const byId = new Map(result.facts.map((f) => [f.event.id, f]));
    expect(byId.get(joint.id)?.status).toBe('counted');
    expect(byId.get(own.id)?.status).toBe('counted');
    const excluded = byId.get(hqOnly.id);
    expect(excluded?.status).toBe('excluded');
    expect(excluded?.reason).toContain('归属为“仅合作方（天津中心未参与）”（主办/遴选：京津冀国家技术创新中心本部），不计入本指标');
    expect(excluded?.reason).toContain('attribution.centerRole = "partner-only", required one of ["own","joint"]');
  });

  it('a partner event without attribution is not counted as the center’s own, and says what is missing', () => {
    const unstated = ev({ source: 'partner/hebei-center', region: 'hebei', data: { activityId: 'hb-1' } });
    const result = evaluateKpi(activities, [unstated]);
    expect(result.value).toBe(0);
    expect(result.facts[0]).toMatchObject({ status: 'excluded' });
    expect(result.facts[0]?.reason).toMatch(/^归属未声明：合作方事件须说明主办（遴选）方及天津中心的角色/);
  });

  it('a partner cannot state the center’s own role: refused, not counted', () => {
    const claim = ev({ source: 'partner/hebei-center', region: 'hebei', data: { activityId: 'hb-2', attribution: { centerRole: 'own', organiser: { name: '天津中心' } } } });
    expect(attributionOf(claim, claim.data)).toEqual({ basis: 'refused', centerRole: null, statedRole: 'own', organiser: { name: '天津中心' } });
    const result = evaluateKpi(activities, [claim]);
    expect(result.value).toBe(0);
    expect(result.facts[0]?.reason).toMatch(/^合作方不能声明“自办”/);
  });

  it('an archived event of the center’s own service published before the field existed still counts, as implied own', () => {
    const legacy = ev({ dataversion: '1.0', data: { activityId: 'act-2024-0011' } });
    expect(attributionOf(legacy, legacy.data)).toEqual({ basis: 'implied-own', centerRole: 'own', statedRole: null, organiser: { name: '天津中心服务网络', source: 'tjc/service-network' } });
    expect(evaluateKpi(activities, [legacy]).value).toBe(1);
  });

  it('a project HQ selected alone is excluded; one demonstrated jointly with HQ counts; amending the attribution re-judges it', () => {
    const hqSelected = ev({ type: 'research.project.found.v1', source: 'partner/beijing-hq', region: 'beijing', subject: 'hq-2024-017', data: { projectId: 'hq-2024-017', attribution: { centerRole: 'partner-only', organiser: hq } } });
    const jointly = ev({ type: 'research.project.found.v1', source: 'tjc/research-network', subject: 'rp-1', data: { projectId: 'rp-1', attribution: { centerRole: 'joint', organiser: { name: '天津中心', source: 'tjc/research-network' } } } });
    expect(evaluateKpi(projects, [hqSelected, jointly]).value).toBe(1);

    // The center attests that it took part after all (center.event.corrected.v1, amend).
    const amended = evaluateKpi(projects, [hqSelected, jointly], [
      {
        source: 'tjc/center',
        id: 'c-1',
        time: new Date('2024-07-01T10:00:00+08:00'),
        receivedAt: new Date('2024-07-01T02:00:00Z'),
        correctionId: 'corr-1',
        target: { source: hqSelected.source, id: hqSelected.id, type: hqSelected.type },
        action: 'amend',
        reason: '经核实为联合论证',
        replacement: { projectId: 'hq-2024-017', attribution: { centerRole: 'joint', organiser: hq } },
      },
    ]);
    expect(amended.value).toBe(2);
  });

  it('filters on other paths read the data as before', () => {
    const e = ev({ source: 'partner/beijing-hq', data: { origin: { region: 'hebei' } } });
    expect(failedFilterOf({ path: 'origin.region', op: 'in', values: ['beijing'] }, e, e.data)).toBe('origin.region = "hebei", required one of ["beijing"]');
    expect(failedFilterOf({ path: 'attribution.organiser.source', op: 'exists' }, e, e.data)).toMatch(/^归属未声明/);
  });
});
