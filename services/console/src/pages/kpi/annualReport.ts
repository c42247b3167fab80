/** Pure parts of the printable annual report (AnnualReportPage): which network a KPI belongs to, the records it names. */
import { CATALOGUE, isEventType } from '@tjc/contracts';

/** One lineage row of GET /kpi/:year/report.json. */
export interface ReportLineageRow {
  readonly kpiCode: string;
  readonly eventId: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly headline: string | null;
  readonly time: string;
  readonly status: 'counted' | 'duplicate' | 'retracted' | 'excluded';
  readonly contribution: number;
  readonly correction: { readonly source: string; readonly correctionId: string; readonly action: 'retract' | 'amend'; readonly reason: string } | null;
}

/** The network whose events a KPI counts (its first event type's topic); undefined for a type these contracts do not know. */
export function networkOfKpi(eventTypes: readonly string[]): string | undefined {
  const type = eventTypes.find(isEventType);
  return type === undefined ? undefined : CATALOGUE[type].topic;
}

/**
 * The records a KPI counted, largest contribution first (a training of 60
 * person-times before one of 5), then by business time: at most `max`, and
 * how many more there are.
 */
export function notableRecords(lineage: readonly ReportLineageRow[], kpiCode: string, max: number): { shown: ReportLineageRow[]; more: number } {
  const counted = lineage.filter((l) => l.kpiCode === kpiCode && l.status === 'counted').sort((a, b) => b.contribution - a.contribution || a.time.localeCompare(b.time));
  return { shown: counted.slice(0, max), more: Math.max(0, counted.length - max) };
}

/** Completion in whole percent (0 for a target of 0 with nothing counted; 100 when something counts against 0). */
export function percentOf(value: number, target: number): number {
  if (target <= 0) return value > 0 ? 100 : 0;
  return Math.round((value / target) * 100);
}
