/**
 * The KPI service's API as the center admin uses it in the demo: targets,
 * figures, lineage, corrections, closing the year, restatements. Response
 * shapes follow services/kpi/src (get-kpis, drill-down, list-restatements).
 */
import { KPI_TARGETS_2024 } from '../data/kpi-targets';
import { qs, type DemoContext } from './context';
import { differences, type KpiValues } from './expected-kpis';
import { ApiError, type ApiClient } from './http-client';
import { DEMO_YEAR } from './story-data';
import { waitFor } from './timeline';

export interface Pace {
  readonly elapsedShare: number;
  readonly expected: number;
  readonly forecast: number;
  readonly progress: number | null;
  readonly behind: boolean;
}

export interface KpiView {
  readonly kpiCode: string;
  readonly label: { readonly zh: string; readonly en: string };
  readonly unit: { readonly zh: string; readonly en: string };
  readonly target: number;
  readonly value: number;
  readonly pace: Pace;
}

export interface YearView {
  readonly year: number;
  readonly generatedAt: string;
  readonly closed: { readonly at: string; readonly by: string | null } | null;
  readonly kpis: readonly KpiView[];
}

export interface LineageSummary {
  readonly counted: number;
  readonly duplicate: number;
  readonly retracted: number;
  readonly excluded: number;
}

export interface LineageItem {
  readonly eventId: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly status: string;
}

export interface Lineage {
  readonly value: number;
  readonly summary: LineageSummary;
  readonly items: readonly LineageItem[];
  readonly total: number;
}

export interface Restatement {
  readonly kpiCode: string;
  readonly previousValue: number;
  readonly newValue: number;
  readonly cause: { readonly source: string; readonly eventId: string; readonly type: string };
  readonly at: string;
}

export interface Restatements {
  readonly closed: { readonly at: string; readonly by: string | null; readonly values: Record<string, number> } | null;
  readonly items: readonly Restatement[];
  readonly total: number;
}

export interface CorrectionItem {
  readonly correctionId: string;
  readonly target: { readonly source: string; readonly id: string; readonly type: string };
  readonly action: string;
  readonly reason: string;
  readonly status: string;
}

/** undefined for a 404 (nothing defined for the year yet), the body otherwise. */
async function orNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

export const kpiApi = (kpi: ApiClient) => ({
  targets: () => orNotFound(kpi.get<{ items: readonly { kpiCode: string; target: number }[] }>(`/kpi/targets/${DEMO_YEAR}`)),
  /** Live figures from the rollups in PostgreSQL (bypassing the Redis cache, which may be up to a minute old). */
  year: () => orNotFound(kpi.get<YearView>(`/kpi/${DEMO_YEAR}?cache=bypass`)),
  lineage: (code: string, query: { status?: string; limit?: number; offset?: number } = {}) => kpi.get<Lineage>(`/kpi/${DEMO_YEAR}/${code}/lineage${qs(query)}`),
  restatements: () => orNotFound(kpi.get<Restatements>(`/kpi/${DEMO_YEAR}/restatements`)),
  corrections: () => kpi.get<{ items: readonly CorrectionItem[] }>(`/kpi/corrections?limit=100`),
});

/** PUT every 2024 target (kpi-targets.ts), then wait until the KPI service has applied them. */
export async function setTargets(ctx: DemoContext): Promise<void> {
  for (const { year, kpiCode, ...body } of KPI_TARGETS_2024) await ctx.kpi.put(`/kpi/targets/${year}/${kpiCode}`, body);
  const codes = KPI_TARGETS_2024.map((t) => t.kpiCode);
  await waitFor('the KPI service to apply the 2024 targets', async () => {
    const targets = await kpiApi(ctx.kpi).targets();
    return targets && codes.every((c) => targets.items.some((i) => i.kpiCode === c)) ? targets : undefined;
  });
}

/**
 * Waits until the KPI service's figures equal `expected` — every event
 * consumed, the rollup done — and returns them. On timeout the error names
 * each KPI that differs.
 */
export async function waitForFigures(ctx: DemoContext, expected: Partial<KpiValues>, what: string, timeoutMs = 180_000): Promise<YearView> {
  let last = 'nothing yet';
  return waitFor(
    `the KPI service to count ${what}`,
    async () => {
      const view = await kpiApi(ctx.kpi).year();
      if (!view) return undefined;
      const diff = differences(expected, new Map(view.kpis.map((k) => [k.kpiCode, k.value])));
      last = diff.length ? diff.join('; ') : 'all equal';
      return diff.length === 0 ? view : undefined;
    },
    { timeoutMs, intervalMs: 500, lastSeen: () => last },
  );
}

/** The lineage entry of the event about `subject` in one KPI (waiting until it is there). */
export async function lineageEntry(ctx: DemoContext, code: string, subject: string): Promise<LineageItem> {
  return waitFor(`the KPI lineage of ${code} to show ${subject}`, async () => {
    const page = await kpiApi(ctx.kpi).lineage(code, { limit: 1000 });
    return page.items.find((i) => i.subject === subject);
  });
}
