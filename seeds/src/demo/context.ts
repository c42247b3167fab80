import type { ApiClient } from './http-client';
import type { PartnerClient } from './partner-client';
import type { BatchResult } from './partner-client';

/** A record the demo created: its id and the version its last write returned. */
export interface Ref {
  id: string;
  version: number;
}

/** What the steps of every network share while the year plays. */
export interface DemoContext {
  /** One client per service, each signed in as that network's coordinator. */
  readonly research: ApiClient;
  readonly industry: ApiClient;
  readonly service: ApiClient;
  readonly fund: ApiClient;
  /** The KPI service, signed in as a center admin. */
  readonly kpi: ApiClient;
  readonly partners: Readonly<Record<string, PartnerClient>>;
  /** Ids the APIs generated, by seed key (`research.project:thz-chip`, `industry.consortium:<name>` …). */
  readonly ids: Map<string, Ref>;
  /** What the duplicate / replay steps got back, for the final report. */
  readonly duplicateReport: string[];
  readonly sentBatches: Map<string, { readonly partner: string; readonly webhookId: string; readonly events: readonly unknown[]; readonly result: BatchResult }>;
}

export function refOf(ctx: DemoContext, key: string): Ref {
  const ref = ctx.ids.get(key);
  if (!ref) throw new Error(`the demo has no id for ${key} yet: a step ran before the one that creates it`);
  return ref;
}

/** Keeps the id and version a write returned. */
export function remember(ctx: DemoContext, key: string, view: { id: string; version: number }): Ref {
  const ref = { id: view.id, version: view.version };
  ctx.ids.set(key, ref);
  return ref;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export const qs = (params: Record<string, string | number | undefined>): string => {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined);
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}` : '';
};
