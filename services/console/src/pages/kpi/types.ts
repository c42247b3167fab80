/** The KPI service's views (services/kpi get-kpis.handler.ts, drill-down.handler.ts). */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

export interface Pace {
  readonly elapsedShare: number;
  readonly expected: number;
  readonly forecast: number;
  readonly progress: number | null;
  readonly behind: boolean;
}

export interface KpiView {
  readonly kpiCode: string;
  readonly label: Label;
  readonly unit: Label;
  readonly target: number;
  readonly value: number;
  readonly pace: Pace;
  readonly byMonth: Readonly<Record<string, number>>;
  readonly byNetwork: Readonly<Record<string, number>>;
  readonly byRegion: Readonly<Record<string, number>>;
  /** The region breakdown's basis: a data path (`origin.region`), or null for the publisher's region. */
  readonly definition?: { readonly regionPath: string | null };
}

export interface YearView {
  readonly year: number;
  readonly basis: 'rollup' | 'lineage' | 'archive';
  readonly asOf: string | null;
  readonly generatedAt: string;
  readonly closed: { readonly at: string; readonly by: string | null } | null;
  readonly kpis: readonly KpiView[];
}

export type LineageStatus = 'counted' | 'duplicate' | 'retracted' | 'excluded';

export interface LineageItem {
  readonly eventId: string;
  readonly source: string;
  readonly type: string;
  /** The type's title from the event catalogue (null for a type the catalogue no longer knows). */
  readonly typeLabel: Label | null;
  /** The kind of record the subject is: project, consortium, transfer… */
  readonly aggregate: string | null;
  readonly subject: string;
  /** The record's name as the event gives it (a project's title, "fund → investee"); null when it names none. */
  readonly headline: string | null;
  readonly time: string;
  readonly region: string;
  readonly network: string;
  readonly receivedAt: string;
  readonly status: LineageStatus;
  readonly contribution: number;
  readonly reason: string | null;
  /** Whose fact it is (#18.17): the center's role and who organised or selected it; null if the event left the archive. */
  readonly attribution: LineageAttribution | null;
}

export interface LineageAttribution {
  readonly basis: 'stated' | 'implied-own' | 'unstated' | 'refused';
  readonly basisLabel: Label;
  readonly centerRole: 'own' | 'joint' | 'partner-only' | null;
  readonly centerRoleLabel: Label | null;
  readonly organiser: { readonly name: string; readonly source?: string } | null;
}

export interface Lineage {
  readonly label: Label;
  readonly unit: Label;
  readonly target: number;
  readonly value: number;
  readonly summary: Readonly<Record<LineageStatus, number>>;
  readonly items: readonly LineageItem[];
  readonly total: number;
}

export type PaceStatus = 'met' | 'ahead' | 'on-track' | 'behind';

/** How a KPI stands: met the target, ahead of the time-proportional expectation, on track, or behind. */
export function paceStatus(k: Pick<KpiView, 'target' | 'value' | 'pace'>): PaceStatus {
  if (k.target > 0 && k.value >= k.target) return 'met';
  if (k.pace.behind) return 'behind';
  if (k.value > k.pace.expected) return 'ahead';
  return 'on-track';
}

export interface MonthPoint {
  readonly month: number;
  readonly monthly: number;
  readonly cumulative: number;
  /** Where the KPI should be at the end of the month, pro rata. */
  readonly expected: number;
}

/** The byMonth split as chart points: the month's value, the running total, and the pro-rata target line. */
export function monthSeries(k: Pick<KpiView, 'byMonth' | 'target'>): MonthPoint[] {
  let running = 0;
  return Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    const monthly = k.byMonth[String(month).padStart(2, '0')] ?? 0;
    running += monthly;
    return { month, monthly, cumulative: running, expected: Math.round(((k.target * month) / 12) * 100) / 100 };
  });
}

/** A KPI label without its parenthesised target (“（约10项）”): what a chart axis or a short mention shows. */
export function withoutTarget(label: string): string {
  return label.replace(/（[^）]*）|\([^)]*\)/g, '').trim();
}

/** A chart-axis label: the KPI label without its target, cut to `max` characters. */
export function shortLabel(label: string, max: number): string {
  const s = withoutTarget(label);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
