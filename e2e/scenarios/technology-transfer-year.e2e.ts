/**
 * One technology-transfer story across every service, through the public
 * paths only, and the KPI service's account of it:
 *
 *   research coordinator: project → review panel → reviews → demonstration → found
 *     └─► industry network: suggestion for an open demand of the same field
 *           └─► consortium (Tianjin key enterprise + Beijing/Hebei institutions) ─► research: joint research
 *   Hebei Center (signed batch via the partner gateway): achievement offered + a project it found
 *     └─► service network: candidate → matched (company in a Tianjin park) → negotiated → landed
 *           └─► fund network: deal from the landed transfer → DD → committee → invested ─► service: funded
 *   service network: training session (enrol 3, 2 complete), activity held
 *   Hebei resends its batch: every event "duplicate"
 *   KPI service: figures = baseline + what the story did; lineage = exactly the story's events;
 *   traces: each event's trace runs from the HTTP request that caused it to the KPI consumer.
 *
 * Real: the six services as separate processes (./platform services), Kafka,
 * PostgreSQL, Redis, signed dev tokens, Standard Webhooks signatures, the
 * services' own OTLP exporters. The only stand-in is the OTLP collector: an
 * in-test receiver on 127.0.0.1:4318.
 *
 * Independence from other data: everything happens in business year 2020
 * (see SCENARIO_YEAR), ids are new per run, and the KPI checks compare with
 * a baseline read before the story starts, so reruns against the same
 * databases pass too.
 */
import { randomBytes } from 'node:crypto';
import { buildEvent, type PlatformEvent } from '@tjc/contracts';
import { expectEventually } from '@tjc/testing';
import { auditedEventId } from '../src/scenario/audit';
import { HttpError, signIn, type BatchResult, type Callers } from '../src/scenario/clients';
import { KpiReader, SCENARIO_KPIS, SCENARIO_YEAR, type KpiCode, type LineageItem } from '../src/scenario/kpi';
import { OtlpReceiver, SPAN_KIND, type ReceivedSpan } from '../src/scenario/otlp-receiver';

jest.setTimeout(120_000);

const RUN = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const Y = SCENARIO_YEAR;
/** The field the found project and the industry demand share: matching is by field. */
const FIELD = 'low-carbon-and-environment';
const PROJECT_INSTITUTION = { name: '北京理工大学', region: 'beijing', type: 'university' } as const;
const cny = (amount: string) => ({ amount, currency: 'CNY' }) as const;

interface Versioned {
  readonly id: string;
  readonly version: number;
}
interface ProjectView extends Versioned {
  readonly state: string;
  readonly review: { readonly averageScore: number | null; readonly passed: boolean | null };
  readonly consortiumIds: readonly string[];
}
interface SuggestionView {
  readonly id: string;
  readonly status: 'candidate' | 'taken';
  readonly project: { readonly id: string; readonly reportedBy: string };
  readonly consortiumId: string | null;
}
interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}
interface TransferView extends Versioned {
  readonly status: string;
}
interface DealView extends Versioned {
  readonly stage: string;
}
interface CompletionsAnswer {
  readonly eventId: string | null;
  readonly personTimes: number;
}

/**
 * An event the story caused that a KPI counts: the reference the KPI
 * service's figures and lineage are compared with, and the request whose
 * trace must reach the KPI consumer.
 */
interface CausedEvent {
  readonly kpiCode: KpiCode;
  readonly source: string;
  readonly eventId: string;
  readonly subject: string;
  readonly contribution: number;
  readonly request: { readonly service: string; readonly method: 'POST'; readonly path: string };
}

const SERVICE_OF_SOURCE: Readonly<Record<string, string>> = {
  'tjc/research-network': 'research-network',
  'tjc/industry-network': 'industry-network',
  'tjc/service-network': 'service-network',
  'tjc/fund-network': 'fund-network',
  'partner/hebei-center': 'partner-gateway',
};

const key = (i: { source: string; eventId: string }) => `${i.source} ${i.eventId}`;

describe(`a technology-transfer year across the platform (business year ${Y}, run ${RUN})`, () => {
  let sut: Callers;
  let kpi: KpiReader;
  let spans: OtlpReceiver;
  const caused: CausedEvent[] = [];
  // Events the story sent that the KPIs must show as excluded, with their attribution (#18.17).
  const notCounted: { kpiCode: KpiCode; source: string; eventId: string; subject: string; centerRole: string }[] = [];
  const baseline = { values: new Map<string, number>(), lineage: new Map<string, Set<string>>(), duplicates: new Map<string, number>() };
  // Story state handed from step to step (each `it` is one chapter; a failed chapter fails the later ones).
  const story: {
    enterpriseId?: string;
    demandId?: string;
    projectId?: string;
    projectFoundEventId?: string;
    suggestionId?: string;
    hebeiBatch?: readonly PlatformEvent[];
    transferId?: string;
  } = {};

  beforeAll(async () => {
    // Receiver first: the services export every few seconds, and spans sent while nobody listens are lost.
    spans = await OtlpReceiver.start();
    sut = await signIn();
    kpi = new KpiReader(sut.kpi);
    await kpi.ensureDefinitions(SCENARIO_KPIS);
    // A settled baseline: the rollups behind GET /kpi/:year trail the lineage by a debounced job,
    // e.g. right after a definition was (re)applied, so wait until both say the same.
    await expectEventually(
      async () => {
        baseline.values = await kpi.values();
        for (const { kpiCode } of SCENARIO_KPIS) {
          const lineage = await kpi.lineage(kpiCode);
          expect({ kpiCode, value: baseline.values.get(kpiCode) }).toEqual({ kpiCode, value: lineage.value });
          baseline.lineage.set(kpiCode, new Set(lineage.items.map(key)));
          baseline.duplicates.set(kpiCode, lineage.summary.duplicate);
        }
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  });

  afterAll(async () => {
    await spans?.close();
  });

  it('the research network finds a disruptive project and the industry network suggests it for an open demand of its field', async () => {
    // A Tianjin key enterprise posts a demand first: suggestions go to demands open when the project is found.
    story.enterpriseId = `ent-e2e-${RUN}`;
    await sut.industry.post('/enterprises', { id: story.enterpriseId, name: `天津绿色低碳装备有限公司（E2E ${RUN}）`, region: 'tianjin', industryChain: '绿色石化产业链', field: FIELD, isKeyEnterprise: true, isChainLeader: false });
    const demand = await sut.industry.post<Versioned>('/demands', {
      enterpriseId: story.enterpriseId,
      field: FIELD,
      title: `工业烟气二氧化碳低能耗捕集（E2E ${RUN}）`,
      problem: '现有胺法捕集能耗高，需要新型吸收剂与工艺，降低单位捕集能耗三成以上。',
      budget: { min: cny('2000000.00'), max: cny('5000000.00') },
      postedOn: `${Y}-03-02`,
    });
    story.demandId = demand.id;

    const panel = await reviewPanel(sut, FIELD, PROJECT_INSTITUTION.name);
    let project = await sut.research.post<ProjectView>('/projects', {
      title: `新型相变吸收剂碳捕集技术（E2E ${RUN}）`,
      institution: PROJECT_INSTITUTION,
      field: FIELD,
      trl: 4,
      team: [{ name: '刘明远', role: '负责人' }],
      summary: '相变吸收剂在吸收后分相，仅富液相再生，捕集能耗显著降低。',
      submittedAt: `${Y}-04-01T09:00:00+08:00`,
    });
    story.projectId = project.id;
    project = await sut.research.post<ProjectView>(`/projects/${project.id}/review-panel`, { version: project.version, expertIds: panel });
    for (const expertId of panel) {
      project = await sut.research.post<ProjectView>(`/projects/${project.id}/reviews`, { expertId, score: 91, comment: '原理新颖，能耗优势明显。', reviewedAt: `${Y}-04-15T10:00:00+08:00` });
    }
    expect(project.review.passed).toBe(true);
    project = await sut.research.post<ProjectView>(`/projects/${project.id}/demonstration`, { version: project.version, startedAt: `${Y}-05-06T10:00:00+08:00` });
    project = await sut.research.post<ProjectView>(`/projects/${project.id}/selection`, {
      version: project.version,
      demonstration: { withHq: true, conclusion: '与本部联合论证：原创性突出，具备颠覆性潜力。' },
      trl: 5,
      foundAt: `${Y}-06-18T10:00:00+08:00`,
    });
    expect(project.state).toBe('found');

    // The industry network consumed research.project.found.v1 and lists the project for the demand.
    const suggestion = await expectEventually(
      async () => {
        const page = await sut.industry.get<Page<SuggestionView>>(`/demands/${demand.id}/suggestions`);
        const mine = page.items.filter((s) => s.project.id === story.projectId);
        expect(mine).toHaveLength(1);
        return mine[0]!;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(suggestion).toMatchObject({ status: 'candidate', consortiumId: null, project: { id: story.projectId, reportedBy: 'tjc/research-network' } });
    story.suggestionId = suggestion.id;

    // The id of the found event, as the industry network received it (its audit of the suggestion).
    const found = await auditedEventId(sut.industry, `/demands/${demand.id}/audit`, 'demand.suggestion-added', (e) => e.detail?.['projectId'] === story.projectId);
    expect(found.actor).toBe('event:tjc/research-network');
    story.projectFoundEventId = found.eventId;
    caused.push({
      kpiCode: 'disruptive-projects',
      source: 'tjc/research-network',
      eventId: found.eventId,
      subject: project.id,
      contribution: 1,
      request: { service: 'research-network', method: 'POST', path: `/projects/${project.id}/selection` },
    });
  });

  it('a consortium forms from the suggestion: a Tianjin key enterprise leads, Beijing and Hebei institutions join, and the project enters joint research', async () => {
    const consortium = await sut.industry.post<Versioned>('/consortia', {
      name: `低碳捕集创新联合体（E2E ${RUN}）`,
      topic: '相变吸收剂碳捕集关键核心技术联合攻关',
      field: FIELD,
      leadEnterpriseId: story.enterpriseId,
      members: [PROJECT_INSTITUTION, { name: '河北工业大学', region: 'hebei', type: 'university' }],
      formedOn: `${Y}-07-08`,
      suggestionId: story.suggestionId,
    });
    const taken = await sut.industry.get<Page<SuggestionView>>(`/demands/${story.demandId}/suggestions?status=taken`);
    expect(taken.items.find((s) => s.id === story.suggestionId)?.consortiumId).toBe(consortium.id);

    // The research network consumed industry.consortium.formed.v1: the project moved on, audited with the event's id.
    await expectEventually(async () => expect(await sut.research.get<ProjectView>(`/projects/${story.projectId}`)).toMatchObject({ state: 'in-joint-research', consortiumIds: [consortium.id] }), { timeoutMs: 30_000, intervalMs: 250 });
    const formed = await auditedEventId(sut.research, `/projects/${story.projectId}/audit`, 'project.joint-research-started', (e) => e.detail?.['consortiumId'] === consortium.id);
    expect(formed.actor).toBe('event:tjc/industry-network');
    caused.push({
      kpiCode: 'key-enterprises-joint-research',
      source: 'tjc/industry-network',
      eventId: formed.eventId,
      subject: consortium.id,
      contribution: 1,
      request: { service: 'industry-network', method: 'POST', path: '/consortia' },
    });
  });

  it('the Hebei Center offers an achievement through the gateway, and the service network lands it with a company in a Tianjin park', async () => {
    const achievementId = `ach-hb-e2e-${RUN}`;
    const hebeiProjectId = `hb-e2e-${RUN}`;
    const source = 'partner/hebei-center';
    story.hebeiBatch = [
      buildEvent(
        'research.achievement.listed.v1',
        {
          achievementId,
          title: `高性能碳纤维复合材料制备技术（E2E ${RUN}）`,
          field: 'new-materials',
          owner: { name: '河北工业大学', region: 'hebei', type: 'university' },
          summary: '低成本碳纤维复合材料连续化制备工艺。',
          ipKind: 'patent',
          askingPrice: cny('1500000.00'),
        },
        { source, id: `hb-evt-e2e-${RUN}-1`, time: `${Y}-08-03T09:30:00+08:00` },
      ),
      // A project Hebei found counts for the center too (and gives the duplicate check a counted event).
      buildEvent(
        'research.project.found.v1',
        {
          projectId: hebeiProjectId,
          title: `氢能重卡高压储氢瓶（E2E ${RUN}）`,
          institution: { name: '燕山大学', region: 'hebei', type: 'university' },
          field: 'new-energy',
          trl: 5,
          demonstration: { withHq: true, conclusion: '河北中心与天津中心联合论证：IV型储氢瓶关键工艺突破。' },
          attribution: { centerRole: 'joint', organiser: { name: '河北中心', source } },
        },
        { source, id: `hb-evt-e2e-${RUN}-2`, time: `${Y}-08-05T15:00:00+08:00` },
      ),
      // An exchange Hebei held on its own (#18.17): recorded, shown in the drill-down, not counted for the center.
      buildEvent(
        'service.activity.held.v1',
        {
          activityId: `hb-act-e2e-${RUN}`,
          type: 'academic-exchange',
          title: `河北中心氢能学术沙龙（E2E ${RUN}）`,
          heldOn: `${Y}-08-06`,
          place: '石家庄',
          organisers: ['河北中心'],
          participants: 40,
          pairsMatched: 0,
          attribution: { centerRole: 'partner-only', organiser: { name: '河北中心', source } },
        },
        { source, id: `hb-evt-e2e-${RUN}-3`, time: `${Y}-08-06T15:00:00+08:00` },
      ),
    ];
    const sent = await sut.hebei.send(story.hebeiBatch);
    expect(sent).toMatchObject({ accepted: 3, duplicates: 0, rejected: 0 });
    expect(sent.results.map((r) => [r.id, r.status])).toEqual(story.hebeiBatch.map((e) => [e.id, 'accepted']));
    caused.push({
      kpiCode: 'disruptive-projects',
      source,
      eventId: `hb-evt-e2e-${RUN}-2`,
      subject: hebeiProjectId,
      contribution: 1,
      request: { service: 'partner-gateway', method: 'POST', path: '/partner/v1/events' },
    });
    notCounted.push({ kpiCode: 'events', source, eventId: `hb-evt-e2e-${RUN}-3`, subject: `hb-act-e2e-${RUN}`, centerRole: 'partner-only' });

    const candidate = await expectEventually(
      async () => {
        const page = await sut.service.get<Page<TransferView & { offeredBy: string }>>(`/transfer-candidates?achievementId=${achievementId}`);
        expect(page.items).toHaveLength(1);
        return page.items[0]!;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(candidate.offeredBy).toBe(source);
    const matched = await sut.service.post<TransferView>(`/transfers/${candidate.id}/match`, { version: candidate.version, receiver: { kind: 'company', name: `天津津碳新材料科技有限公司（E2E ${RUN}）`, park: '天开高教科创园' } });
    const negotiating = await sut.service.post<TransferView>(`/transfers/${candidate.id}/negotiate`, { version: matched.version, note: '许可费分期支付，首付三成。' });
    const landed = await sut.service.post<TransferView>(`/transfers/${candidate.id}/land`, { version: negotiating.version, mode: 'licence', contractAmount: cny('1200000.00'), landedOn: `${Y}-09-10` });
    expect(landed.status).toBe('landed');
    story.transferId = candidate.id;

    // Landing publishes service.achievement.transferred.v1; the service network audits the landing with its id.
    const transferred = await auditedEventId(sut.service, `/transfers/${candidate.id}/audit`, 'transfer.landed');
    caused.push({
      kpiCode: 'achievements-landed',
      source: 'tjc/service-network',
      eventId: transferred.eventId,
      subject: candidate.id,
      contribution: 1,
      request: { service: 'service-network', method: 'POST', path: `/transfers/${candidate.id}/land` },
    });
  });

  it('the fund network invests in the landed achievement, and the service network records the funding', async () => {
    const fundId = await scenarioFund(sut);
    // The fund network opened a deal when it consumed the transfer to a company.
    let deal = await expectEventually(
      async () => {
        const page = await sut.fund.get<Page<DealView>>(`/deals?transferId=${story.transferId}`);
        expect(page.items).toHaveLength(1);
        return page.items[0]!;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(deal.stage).toBe('opportunity');
    deal = await sut.fund.post<DealView>(`/deals/${deal.id}/advance`, { version: deal.version, to: 'due-diligence', note: '技术与市场尽调。' });
    deal = await sut.fund.post<DealView>(`/deals/${deal.id}/advance`, { version: deal.version, to: 'investment-committee' });
    const { investment } = await sut.fund.post<{ deal: DealView; investment: { id: string } }>(`/deals/${deal.id}/invest`, {
      version: deal.version,
      fundId,
      amount: cny('3000000.00'),
      round: 'angel',
      investedOn: `${Y}-10-15`,
      equityPercent: '8.5',
    });

    // fund.investment.made.v1 reached the service network: the transfer is funded, audited with the event's id.
    const funded = await auditedEventId(sut.service, `/transfers/${story.transferId}/audit`, 'transfer.funded', (e) => e.detail?.['investmentId'] === investment.id);
    expect(funded.actor).toBe('event:tjc/fund-network');
    caused.push({
      kpiCode: 'fund-investments',
      source: 'tjc/fund-network',
      eventId: funded.eventId,
      subject: investment.id,
      contribution: 1,
      request: { service: 'fund-network', method: 'POST', path: `/deals/${deal.id}/invest` },
    });
  });

  it('the service network records a training session (three enrolled, two complete) and an activity held', async () => {
    const course = await sut.service.post<Versioned>('/courses', { type: 'technology-manager', title: `技术经理人初级培训（E2E ${RUN}）`, hours: 32 });
    const session = await sut.service.post<Versioned>('/training-sessions', {
      courseId: course.id,
      title: `技术经理人初级培训（京津冀联合班，E2E ${RUN}）`,
      startsOn: `${Y}-11-02`,
      endsOn: `${Y}-11-06`,
      place: '天开高教科创园',
      partnerRegion: 'hebei',
    });
    const trainees = [
      { traineeId: `tr-${RUN}-1`, traineeName: '孙丽', organisation: '天津大学技术转移中心' },
      { traineeId: `tr-${RUN}-2`, traineeName: '周强', organisation: '河北省技术交易所' },
      { traineeId: `tr-${RUN}-3`, traineeName: '吴敏', organisation: '滨海新区科技局' },
    ];
    const enrolments: Versioned[] = [];
    for (const t of trainees) enrolments.push(await sut.service.post<Versioned>(`/training-sessions/${session.id}/enrolments`, t));
    const planned = await sut.service.get<Versioned>(`/training-sessions/${session.id}`);
    await sut.service.post(`/training-sessions/${session.id}/start`, { version: planned.version });
    // Two of the three complete: person-times count completions, not enrolments.
    const completed = enrolments.slice(0, 2).map((e) => e.id);
    const completions = await sut.service.post<CompletionsAnswer>(`/training-sessions/${session.id}/completions`, { enrolmentIds: completed, completedOn: `${Y}-11-06` });
    expect(completions.personTimes).toBe(2);
    expect(typeof completions.eventId).toBe('string');
    const started = await sut.service.get<Versioned>(`/training-sessions/${session.id}`);
    await sut.service.post(`/training-sessions/${session.id}/complete`, { version: started.version });
    caused.push({
      kpiCode: 'trainees',
      source: 'tjc/service-network',
      eventId: completions.eventId!,
      subject: session.id,
      contribution: completed.length,
      request: { service: 'service-network', method: 'POST', path: `/training-sessions/${session.id}/completions` },
    });

    const activity = await sut.service.post<Versioned>('/activities', {
      type: 'supply-demand-matching',
      title: `低碳技术供需对接会（E2E ${RUN}）`,
      plannedOn: `${Y}-11-20`,
      place: '天津滨海—中关村科技园',
      organisers: ['天津中心', '河北中心'],
      partnerRegions: ['hebei'],
    });
    await sut.service.post(`/activities/${activity.id}/hold`, { version: activity.version, heldOn: `${Y}-11-20`, participants: 86, pairsMatched: 6 });
    const held = await auditedEventId(sut.service, `/activities/${activity.id}/audit`, 'activity.held');
    caused.push({
      kpiCode: 'events',
      source: 'tjc/service-network',
      eventId: held.eventId,
      subject: activity.id,
      contribution: 1,
      request: { service: 'service-network', method: 'POST', path: `/activities/${activity.id}/hold` },
    });
  });

  it('a resent Hebei batch is answered "duplicate" event by event', async () => {
    // The partner guide's resend after a lost answer: the same events in a NEW request (new webhook-id, fresh signature).
    const again: BatchResult = await sut.hebei.send(story.hebeiBatch!);
    expect(again).toMatchObject({ accepted: 0, duplicates: 3, rejected: 0 });
    expect(again.results.map((r) => [r.id, r.status])).toEqual(story.hebeiBatch!.map((e) => [e.id, 'duplicate']));
  });

  it('the KPI figures of the year move by exactly what the story did, the resend included (counted once)', async () => {
    // Reference: per KPI, the sum of the contributions of the events the story caused.
    const delta = new Map<string, number>();
    for (const c of caused) delta.set(c.kpiCode, (delta.get(c.kpiCode) ?? 0) + c.contribution);
    expect(Object.fromEntries(delta)).toEqual({ 'disruptive-projects': 2, 'key-enterprises-joint-research': 1, 'achievements-landed': 1, 'fund-investments': 1, trainees: 2, events: 1 });
    const expected = Object.fromEntries(SCENARIO_KPIS.map(({ kpiCode }) => [kpiCode, (baseline.values.get(kpiCode) ?? 0) + (delta.get(kpiCode) ?? 0)]));

    // The rollups are debounced jobs after the consumer's commit: wait for them, then hold them to the reference.
    await expectEventually(async () => expect(Object.fromEntries(await kpi.values())).toEqual(expected), { timeoutMs: 60_000, intervalMs: 500 });
  });

  it('the drill-down lists exactly the story’s events, with their sources and event ids, as counted', async () => {
    for (const { kpiCode } of SCENARIO_KPIS) {
      const lineage = await kpi.lineage(kpiCode);
      const before = baseline.lineage.get(kpiCode) ?? new Set<string>();
      const added = lineage.items.filter((i) => !before.has(key(i)));
      const mine = caused.filter((c) => c.kpiCode === kpiCode);
      const shape = (i: Pick<LineageItem, 'source' | 'eventId' | 'subject' | 'contribution'> & { status: string }) => ({ source: i.source, eventId: i.eventId, subject: i.subject, status: i.status, contribution: i.contribution });
      const excluded = notCounted.filter((c) => c.kpiCode === kpiCode);
      expect({ kpiCode, items: added.map(shape).sort(byKey) }).toEqual({
        kpiCode,
        items: [...mine.map((c) => shape({ ...c, status: 'counted' })), ...excluded.map((c) => shape({ ...c, status: 'excluded', contribution: 0 }))].sort(byKey),
      });
      // Every fact the story added shows whose it is: counted ones the center's own or joint, excluded ones why not.
      for (const i of added) {
        const stated = excluded.find((c) => c.eventId === i.eventId);
        if (stated) {
          expect({ eventId: i.eventId, role: i.attribution?.centerRole, reason: i.reason }).toEqual({ eventId: i.eventId, role: stated.centerRole, reason: expect.stringContaining('不计入本指标') });
        } else {
          // (Transfers, training and investments: the center's services' events without the field, implied own.)
          expect({ eventId: i.eventId, role: i.attribution?.centerRole }).toEqual({ eventId: i.eventId, role: expect.stringMatching(/^(own|joint)$/) });
        }
      }
      // No new "duplicate" rows (a second event about an already counted key), the resend included.
      // A resend under the SAME ids would not show here even if republished (the KPI inbox drops a
      // seen source + id); the gateway's "duplicate" answer and the exact figures cover that.
      expect({ kpiCode, duplicate: lineage.summary.duplicate }).toEqual({ kpiCode, duplicate: baseline.duplicates.get(kpiCode) });
      // The drill-down explains the figure: its counted contributions sum to the value.
      expect(lineage.items.filter((i) => i.status === 'counted').reduce((sum, i) => sum + i.contribution, 0)).toBe(lineage.value);
    }
  });

  it('one trace runs from the research request through the outbox publish to the industry and KPI consumers, and names the event the lineage lists', async () => {
    const projectPath = `/projects/${story.projectId}/selection`;
    const chain = await expectEventually(
      () => {
        expect(spans.errors).toEqual([]);
        const servers = spans.serverSpans('research-network', 'POST', projectPath);
        expect(servers).toHaveLength(1);
        const request = servers[0]!;
        const trace = spans.trace(request.traceId);
        const publish = trace.find((s) => s.service === 'research-network' && s.kind === SPAN_KIND.PRODUCER && s.name === 'outbox publish');
        const industry = spans.consumerOf('industry-network', 'tjc/research-network', story.projectFoundEventId!);
        const kpiConsumer = spans.consumerOf('kpi', 'tjc/research-network', story.projectFoundEventId!);
        expect(publish).toBeDefined();
        expect(industry).toBeDefined();
        expect(kpiConsumer).toBeDefined();
        return { request, publish: publish!, industry: industry!, kpi: kpiConsumer! };
      },
      { timeoutMs: 45_000, intervalMs: 500 },
    );
    expect(new Set([chain.request, chain.publish, chain.industry, chain.kpi].map((s) => s.traceId))).toEqual(new Set([chain.request.traceId]));
    // Parent links, not just a shared id: each hop continues the request's context.
    expect(spans.descendsFrom(chain.publish, chain.request)).toBe(true);
    expect(spans.descendsFrom(chain.industry, chain.request)).toBe(true);
    expect(spans.descendsFrom(chain.kpi, chain.request)).toBe(true);

    // The KPI lineage records no trace id (kpi_fact / event_archive keep source, id, type, subject,
    // time, region, version, status): it joins the trace through the event id the consumer span carries.
    const lineage = await kpi.lineage('disruptive-projects');
    const item = lineage.items.find((i) => i.subject === story.projectId);
    expect(item).not.toHaveProperty('traceId');
    expect(item).toMatchObject({ eventId: chain.kpi.attributes['messaging.message.id'], source: chain.kpi.attributes['cloudevents.event_source'], status: 'counted' });
  });

  it('every event a network service published traces back, parent by parent, from the KPI consumer to the request that caused it', async () => {
    const published = caused.filter((c) => c.source.startsWith('tjc/'));
    expect(published.map((c) => c.kpiCode).sort()).toEqual(['achievements-landed', 'disruptive-projects', 'events', 'fund-investments', 'key-enterprises-joint-research', 'trainees']);
    for (const c of published) await expectTracedToRequest(c);
  });

  // The gateway stamps the trace context of the request that accepted a
  // partner's event onto the envelope it stages in its outbox (services/
  // partner-gateway/src/ingest/trace-context.ts), so the relay writes a
  // `traceparent` header and every consumer span continues that request.
  it('every partner event traces back from the KPI consumer to the gateway request that accepted it', async () => {
    const fromPartners = caused.filter((c) => c.source.startsWith('partner/'));
    expect(fromPartners).toHaveLength(1);
    for (const c of fromPartners) await expectTracedToRequest(c);
  });

  /**
   * The KPI service's consumer span of the event is in the trace of the one
   * request that caused it, and descends from that request's server span.
   * On failure the message names the event and the services its trace reached.
   */
  async function expectTracedToRequest(c: CausedEvent, timeoutMs = 45_000): Promise<void> {
    expect(SERVICE_OF_SOURCE[c.source]).toBe(c.request.service);
    await expectEventually(
      () => {
        expect(spans.errors).toEqual([]);
        const consumer = spans.consumerOf('kpi', c.source, c.eventId);
        expect({ event: key(c), kpiConsumerSpan: consumer !== undefined }).toEqual({ event: key(c), kpiConsumerSpan: true });
        const trace = spans.trace(consumer!.traceId);
        const requests = spans.serverSpans(c.request.service, c.request.method, c.request.path).filter((s) => s.traceId === consumer!.traceId);
        const seen = {
          event: key(c),
          requestsInTrace: requests.length,
          linked: requests.length === 1 && spans.descendsFrom(consumer!, requests[0]!),
          traceReached: [...new Set(trace.map((s: ReceivedSpan) => s.service))].sort(),
        };
        expect(seen).toEqual({ ...seen, requestsInTrace: 1, linked: true });
      },
      { timeoutMs, intervalMs: 500 },
    );
  }
});

function byKey(a: { source: string; eventId: string }, b: { source: string; eventId: string }): number {
  return key(a).localeCompare(key(b));
}

interface ExpertView {
  readonly id: string;
  readonly institutionName: string;
  readonly conflictInstitutions: readonly string[];
}

/**
 * Three active experts of the field who may review a project of `institution`
 * (the panel rules: same field, no conflict of interest). Reuses the pool and
 * tops it up, so reruns do not grow it without end.
 */
async function reviewPanel(sut: Callers, field: string, institution: string): Promise<string[]> {
  const pool = await sut.research.get<Page<ExpertView>>(`/experts?field=${field}&active=true&limit=100`);
  const eligible = pool.items.filter((e) => e.institutionName !== institution && !e.conflictInstitutions.includes(institution)).map((e) => e.id);
  const recruits = [
    { name: '郑海涛', region: 'tianjin', institutionName: '天津大学', title: '教授' },
    { name: '冯晓雯', region: 'hebei', institutionName: '河北工业大学', title: '研究员' },
    { name: '蒋文博', region: 'beijing', institutionName: '中国科学院过程工程研究所', title: '研究员' },
  ] as const;
  for (const r of recruits.slice(0, Math.max(0, 3 - eligible.length))) {
    eligible.push((await sut.research.post<Versioned>('/experts', { ...r, fields: [field] })).id);
  }
  return eligible.slice(0, 3);
}

/** The fund the scenario invests from, registered once under a stable id. */
async function scenarioFund(sut: Callers): Promise<string> {
  const id = 'fund-e2e-scenario';
  try {
    await sut.fund.get(`/funds/${id}`);
  } catch (error) {
    if (!(error instanceof HttpError && error.status === 404)) throw error;
    await sut.fund.post('/funds', { id, name: '天开园创业种子基金（端到端测试）', type: 'seed', manager: '天津天开发展集团有限公司', size: cny('100000000.00'), establishedOn: '2019-12-01' });
  }
  return id;
}
