/**
 * KPI definitions are data: each `center.kpi.target-set.v1` sets one KPI of
 * one year. The latest event per (year, KPI code) — by business time, then
 * arrival — is the definition in force; the earlier ones are its history.
 */
import type { EventData } from '@tjc/contracts';
import { compareEvents, type EventRef, type KpiRule } from './kpi-evaluator';

export type TargetSetData = EventData<'center.kpi.target-set.v1'>;

export interface KpiDefinition extends KpiRule {
  readonly year: number;
  readonly kpiCode: string;
  readonly label: { readonly zh: string; readonly en: string };
  readonly unit: { readonly zh: string; readonly en: string };
  readonly target: number;
  readonly sortOrder: number | null;
  /** The target-set event that made this definition. */
  readonly setBy: EventRef;
  readonly setAt: Date;
  readonly receivedAt: Date;
}

export function definitionFrom(data: TargetSetData, event: { source: string; id: string; time: Date; receivedAt: Date }): KpiDefinition {
  return {
    year: data.year,
    kpiCode: data.kpiCode,
    label: data.label,
    unit: data.unit,
    target: data.target,
    eventTypes: data.eventTypes,
    filters: data.filters,
    counting: data.counting,
    ...(data.regionPath !== undefined && { regionPath: data.regionPath }),
    sortOrder: data.sortOrder ?? null,
    setBy: { source: event.source, id: event.id },
    setAt: event.time,
    receivedAt: event.receivedAt,
  };
}

function compareSettings(a: KpiDefinition, b: KpiDefinition): number {
  return a.setAt.getTime() - b.setAt.getTime() || a.receivedAt.getTime() - b.receivedAt.getTime() || compareEvents({ time: a.setAt, ...a.setBy }, { time: b.setAt, ...b.setBy });
}

/** History of settings, oldest first. */
export function sortHistory(definitions: readonly KpiDefinition[]): KpiDefinition[] {
  return [...definitions].sort((a, b) => a.kpiCode.localeCompare(b.kpiCode) || compareSettings(a, b));
}

/** The definitions in force: the latest setting per KPI code, in report order. */
export function currentDefinitions(definitions: readonly KpiDefinition[]): KpiDefinition[] {
  const latest = new Map<string, KpiDefinition>();
  for (const d of definitions) {
    const seen = latest.get(d.kpiCode);
    if (!seen || compareSettings(seen, d) < 0) latest.set(d.kpiCode, d);
  }
  return [...latest.values()].sort((a, b) => (a.sortOrder ?? Number.MAX_SAFE_INTEGER) - (b.sortOrder ?? Number.MAX_SAFE_INTEGER) || a.kpiCode.localeCompare(b.kpiCode));
}
