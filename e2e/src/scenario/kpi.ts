/**
 * The KPI service as the scenario reads it: the year it plays in, that
 * year's KPI definitions, the figures (GET /kpi/:year) and the drill-down
 * (GET /kpi/:year/:code/lineage), with the response shapes of
 * services/kpi/src/kpi/{get-kpis,drill-down}.
 */
import { isDeepStrictEqual } from 'node:util';
import type { EventDataInput, KpiFilter } from '@tjc/contracts';
import { expectEventually } from '@tjc/testing';
import { HttpError, type ApiClient } from './clients';

/**
 * The business year the scenario plays in. KPI years run 2020–2100, and every
 * business time the network APIs accept must be in the past, so a past year
 * nobody else writes to: the seeds and the demo play 2024 (with reference
 * data dated 2022–2026), the console suite counts the current year and
 * dates its activity 2021. 2020 is left to this suite, so a KPI of 2020 moves
 * only when a scenario run acts; reruns are handled by comparing against a
 * baseline read before acting.
 */
export const SCENARIO_YEAR = 2020;

export type KpiDefinition = Omit<EventDataInput<'center.kpi.target-set.v1'>, 'year'>;

/**
 * The 2024 plan's five KPIs with the same counting rules as the seeds
 * (seeds/src/data/kpi-targets.ts; e2e does not import seeds), plus one for
 * investments: KPIs are data, and counting the fund network's investments in
 * this year lets the fund step be checked by the KPI service too.
 */
/** Whose achievement counts (#18.17): the center's own and joint facts, as in the seeds. */
const CENTER_OWN_OR_JOINT: KpiFilter = { path: 'attribution.centerRole', op: 'in', values: ['own', 'joint'] };

export const SCENARIO_KPIS: readonly KpiDefinition[] = [
  {
    kpiCode: 'disruptive-projects',
    label: { zh: '遴选原创性颠覆性技术成果（约10项）', en: 'Original/disruptive technology achievements selected (about 10)' },
    unit: { zh: '项', en: 'projects' },
    target: 10,
    eventTypes: ['research.project.found.v1'],
    filters: [CENTER_OWN_OR_JOINT],
    counting: { kind: 'count-distinct', key: 'subject' },
    sortOrder: 1,
  },
  {
    kpiCode: 'key-enterprises-joint-research',
    label: { zh: '天津重点企业与京冀机构联合攻关', en: 'Key Tianjin enterprises in joint research with Beijing/Hebei institutions' },
    unit: { zh: '家', en: 'enterprises' },
    target: 5,
    eventTypes: ['industry.consortium.formed.v1'],
    filters: [
      { path: 'leadEnterprise.isKeyEnterprise', op: 'eq', value: true },
      { path: 'leadEnterprise.region', op: 'eq', value: 'tianjin' },
      CENTER_OWN_OR_JOINT,
    ],
    counting: { kind: 'count-distinct', key: 'leadEnterprise.id' },
    sortOrder: 2,
  },
  {
    kpiCode: 'achievements-landed',
    label: { zh: '京冀科技成果在津落地转化（约10项）', en: 'Achievements from Beijing/Hebei landed in Tianjin (about 10)' },
    unit: { zh: '项', en: 'achievements' },
    target: 10,
    eventTypes: ['service.achievement.transferred.v1'],
    filters: [{ path: 'origin.region', op: 'in', values: ['beijing', 'hebei', 'xiongan'] }],
    counting: { kind: 'count-distinct', key: 'subject' },
    regionPath: 'origin.region',
    sortOrder: 3,
  },
  {
    kpiCode: 'trainees',
    label: { zh: '培养技术转移人才（约800人次）', en: 'Technology-transfer talent trained (about 800 person-times)' },
    unit: { zh: '人次', en: 'person-times' },
    target: 800,
    eventTypes: ['service.training.completed.v1'],
    filters: [],
    counting: { kind: 'sum-distinct-items', items: 'completions', key: 'enrolmentId' },
    sortOrder: 4,
  },
  {
    kpiCode: 'events',
    label: { zh: '举办项目推介、供需对接、融资路演等活动（10场以上）', en: 'Events held: promotion, matching, roadshows (10+)' },
    unit: { zh: '场', en: 'events' },
    target: 10,
    eventTypes: ['service.activity.held.v1'],
    filters: [CENTER_OWN_OR_JOINT],
    counting: { kind: 'count-distinct', key: 'subject' },
    sortOrder: 5,
  },
  {
    kpiCode: 'fund-investments',
    label: { zh: '基金网络投资落地项目', en: 'Investments by the fund network' },
    unit: { zh: '笔', en: 'investments' },
    target: 5,
    eventTypes: ['fund.investment.made.v1'],
    filters: [],
    counting: { kind: 'count-distinct', key: 'subject' },
    sortOrder: 6,
  },
];

export type KpiCode = (typeof SCENARIO_KPIS)[number]['kpiCode'];

interface YearView {
  readonly year: number;
  readonly kpis: readonly { readonly kpiCode: string; readonly value: number; readonly target: number }[];
}

export interface LineageItem {
  readonly eventId: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly status: 'counted' | 'duplicate' | 'retracted' | 'excluded';
  readonly contribution: number;
  readonly reason: string | null;
  /** Whose fact it is (#18.17), as services/kpi/src/kpi/drill-down/fact-attribution.ts shows it. */
  readonly attribution: { readonly basis: string; readonly centerRole: string | null; readonly organiser: { readonly name: string; readonly source?: string } | null } | null;
}

export interface Lineage {
  readonly value: number;
  readonly target: number;
  readonly rule: { readonly eventTypes: readonly string[]; readonly filters: readonly unknown[]; readonly counting: unknown; readonly regionPath: string | null };
  readonly summary: Readonly<Record<'counted' | 'duplicate' | 'retracted' | 'excluded', number>>;
  readonly items: readonly LineageItem[];
  readonly total: number;
}

export class KpiReader {
  constructor(
    private readonly kpi: ApiClient,
    readonly year = SCENARIO_YEAR,
  ) {}

  /** The lineage of one KPI, every page (the endpoint caps a page at 1000). */
  async lineage(code: string): Promise<Lineage> {
    const first = await this.kpi.get<Lineage>(`/kpi/${this.year}/${code}/lineage?limit=1000`);
    const items = [...first.items];
    while (items.length < first.total) {
      const next = await this.kpi.get<Lineage>(`/kpi/${this.year}/${code}/lineage?limit=1000&offset=${items.length}`);
      if (next.items.length === 0) break;
      items.push(...next.items);
    }
    return { ...first, items };
  }

  /** The year's figures from the rollups, bypassing the Redis cache (which may be up to a minute old). */
  async values(): Promise<Map<string, number>> {
    const view = await this.kpi.get<YearView>(`/kpi/${this.year}?cache=bypass`);
    return new Map(view.kpis.map((k) => [k.kpiCode, k.value]));
  }

  /**
   * Defines the scenario's KPIs for the year where they are missing or differ
   * (PUT → 202, applied once the KPI service consumes the target-set event),
   * then waits until the service applies every one of them.
   */
  async ensureDefinitions(definitions: readonly KpiDefinition[]): Promise<void> {
    for (const d of definitions) {
      if (await this.isDefinedAs(d)) continue;
      const { kpiCode, ...body } = d;
      await this.kpi.put(`/kpi/targets/${this.year}/${kpiCode}`, body);
    }
    await expectEventually(
      async () => {
        for (const d of definitions) expect(await this.isDefinedAs(d)).toBe(true);
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
  }

  private async isDefinedAs(d: KpiDefinition): Promise<boolean> {
    try {
      const current = await this.kpi.get<Lineage>(`/kpi/${this.year}/${d.kpiCode}/lineage?limit=1`);
      return current.target === d.target && isDeepStrictEqual({ ...current.rule }, { eventTypes: d.eventTypes, filters: d.filters ?? [], counting: d.counting, regionPath: d.regionPath ?? null });
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return false;
      throw error;
    }
  }
}
