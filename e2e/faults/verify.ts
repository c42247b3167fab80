/**
 * What a fault did to the stream, measured against the reference:
 *
 *  - the reference: per KPI, the baseline read before the fault plus one unit
 *    per distinct subject the ledger says was accepted (both KPIs count
 *    distinct subjects: services/kpi/src/kpi/kpi-evaluator.ts, count-distinct);
 *  - lost: an accepted event that is not counted in the KPI lineage, or a
 *    project event one of the reacting services never applied (no rt_inbox
 *    row of its consumer group: the effect and the inbox row commit together);
 *  - applied twice: a lineage row repeated per source + id, a second counted
 *    row for one subject, a figure above the reference, or a reacting
 *    service's effect recorded more than once for one event (rt_audit rows
 *    per event id, transfer candidates per project, suggestions per project
 *    and demand) — read from the services' private databases with pg.
 */
import { Client } from 'pg';
import type { KpiReader, LineageItem } from '../src/scenario/kpi';
import type { PrivateStack } from '../src/stack';
import type { AcceptedEvent } from './stream';

export const KPI_OF_KIND = { project: 'disruptive-projects', activity: 'events' } as const;
export type FaultKpi = (typeof KPI_OF_KIND)[keyof typeof KPI_OF_KIND];
export const FAULT_KPI_CODES: readonly FaultKpi[] = Object.values(KPI_OF_KIND);

/** The services that react to a partner's research.project.found.v1, by consumer group (= service name). */
export const PROJECT_CONSUMERS = ['research-network', 'industry-network', 'service-network', 'fund-network', 'kpi'] as const;

export interface Baseline {
  readonly values: ReadonlyMap<FaultKpi, number>;
  readonly counted: ReadonlyMap<FaultKpi, ReadonlySet<string>>;
}

export async function readBaseline(kpi: KpiReader): Promise<Baseline> {
  const values = new Map<FaultKpi, number>();
  const counted = new Map<FaultKpi, Set<string>>();
  for (const code of FAULT_KPI_CODES) {
    // From the lineage (PostgreSQL's truth), not the rollups: an earlier fault may have left the rollups behind.
    const lineage = await kpi.lineage(code);
    values.set(code, lineage.value);
    counted.set(code, new Set(lineage.items.filter((i) => i.status === 'counted').map((i) => i.subject)));
  }
  return { values, counted };
}

/** Expected figure per KPI: baseline + distinct new subjects accepted. */
export function reference(baseline: Baseline, accepted: readonly AcceptedEvent[]): Map<FaultKpi, number> {
  const expected = new Map<FaultKpi, number>();
  for (const code of FAULT_KPI_CODES) {
    const subjects = new Set(accepted.filter((e) => KPI_OF_KIND[e.kind] === code).map((e) => e.subject));
    const known = baseline.counted.get(code) ?? new Set<string>();
    const fresh = [...subjects].filter((s) => !known.has(s)).length;
    expected.set(code, (baseline.values.get(code) ?? 0) + fresh);
  }
  return expected;
}

export async function query<R extends object>(url: string, sql: string, params: readonly unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined); // a server stopping under us is reported by the query itself
  await client.connect();
  try {
    return (await client.query<R>(sql, [...params])).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface Measurement {
  /** The year's figures (rollups, cache bypassed) equal the reference, and so does the lineage's value. */
  readonly kpiMatches: boolean;
  /** Every reacting service has applied every accepted project event. */
  readonly effectsComplete: boolean;
  readonly lost: number;
  readonly appliedTwice: number;
  readonly deadLettered: number;
  readonly detail: Readonly<Record<string, unknown>>;
}

const key = (i: Pick<LineageItem, 'source' | 'eventId'>) => `${i.source} ${i.eventId}`;

/**
 * One look at the platform: the KPI figures and lineage against the
 * reference, and the reacting services' inboxes and effects in their
 * databases. Cheap enough to poll every second.
 */
export async function measure(stack: PrivateStack, kpi: KpiReader, baseline: Baseline, accepted: readonly AcceptedEvent[]): Promise<Measurement> {
  const expected = reference(baseline, accepted);
  const figures = await kpi.values();
  const lostEvents = new Set<string>();
  let appliedTwice = 0;
  const detail: Record<string, unknown> = {};
  let kpiMatches = true;

  for (const code of FAULT_KPI_CODES) {
    const lineage = await kpi.lineage(code);
    const rows = new Map<string, number>();
    for (const i of lineage.items) rows.set(key(i), (rows.get(key(i)) ?? 0) + 1);
    const repeatedRows = [...rows.values()].filter((n) => n > 1).length;
    const countedPerSubject = new Map<string, number>();
    for (const i of lineage.items.filter((x) => x.status === 'counted')) countedPerSubject.set(i.subject, (countedPerSubject.get(i.subject) ?? 0) + 1);
    const subjectsCountedTwice = [...countedPerSubject.values()].filter((n) => n > 1).length;
    const want = expected.get(code) ?? 0;
    const figure = figures.get(code) ?? 0;
    const mine = accepted.filter((e) => KPI_OF_KIND[e.kind] === code);
    const missing = mine.filter((e) => !countedPerSubject.has(e.subject));
    for (const e of missing) lostEvents.add(`${e.source} ${e.eventId ?? e.subject}`);
    const above = Math.max(0, figure - want, lineage.value - want);
    appliedTwice += repeatedRows + subjectsCountedTwice + above;
    if (figure !== want || lineage.value !== want) kpiMatches = false;
    detail[code] = { expected: want, figure, lineageValue: lineage.value, missing: missing.length, repeatedRows, subjectsCountedTwice };
  }

  const projectIds = accepted.filter((e) => e.kind === 'project' && e.eventId !== undefined);
  const eventIds = projectIds.map((e) => e.eventId!);
  // The KPI service consumes the partners' activities too: their dead letters count as well.
  const allEventIds = accepted.flatMap((e) => (e.eventId === undefined ? [] : [e.eventId]));
  let effectsComplete = true;
  let deadLettered = 0;
  const perService: Record<string, unknown> = {};
  for (const service of PROJECT_CONSUMERS) {
    const url = stack.databaseUrl(service);
    const [inbox, audits, dead] = await Promise.all([
      query<{ event_id: string }>(url, `SELECT event_id FROM rt_inbox WHERE consumer_group = $1 AND event_id = ANY($2::text[])`, [service, eventIds]),
      // KPI writes no audit row per event (restatements only); every network service writes one per effect.
      service === 'kpi'
        ? Promise.resolve([])
        : query<{ event_id: string; n: string }>(url, `SELECT event_id, count(*)::text AS n FROM rt_audit WHERE event_id = ANY($1::text[]) GROUP BY event_id HAVING count(*) > 1`, [eventIds]),
      query<{ event_id: string }>(url, `SELECT DISTINCT event_id FROM rt_dead_letter WHERE event_id = ANY($1::text[])`, [service === 'kpi' ? allEventIds : eventIds]),
    ]);
    const applied = new Set(inbox.map((r) => r.event_id));
    const notApplied = projectIds.filter((e) => !applied.has(e.eventId!));
    for (const e of notApplied) lostEvents.add(`${e.source} ${e.eventId}`);
    if (notApplied.length > 0) effectsComplete = false;
    appliedTwice += audits.length;
    deadLettered += dead.length;
    perService[service] = { applied: applied.size, notApplied: notApplied.length, auditedTwice: audits.length, deadLettered: dead.length };
  }
  // Entity-level doubles: a second transfer candidate for one project, a second suggestion for one project and demand.
  const projects = projectIds.map((e) => e.subject);
  const [transfers, suggestions] = await Promise.all([
    query<{ project_id: string }>(stack.databaseUrl('service-network'), `SELECT project_id FROM transfer WHERE channel = 'event' AND project_id = ANY($1::text[]) GROUP BY project_id HAVING count(*) > 1`, [projects]),
    query<{ project_id: string }>(stack.databaseUrl('industry-network'), `SELECT project_id FROM suggestion WHERE project_id = ANY($1::text[]) GROUP BY project_id, demand_id HAVING count(*) > 1`, [projects]),
  ]);
  appliedTwice += transfers.length + suggestions.length;
  detail['services'] = perService;
  detail['entityDoubles'] = { transfers: transfers.length, suggestions: suggestions.length };

  return { kpiMatches, effectsComplete, lost: lostEvents.size, appliedTwice, deadLettered, detail };
}

export interface Settled {
  readonly final: Measurement;
  /** Seconds from `from` until the KPI figures first equalled the reference (null: never within the timeout). */
  readonly kpiSeconds: number | null;
  /** Seconds from `from` until every reacting service had applied everything too. */
  readonly effectsSeconds: number | null;
}

/** Polls `measure` until the KPIs match and every effect is applied, or the timeout passes. */
export async function settle(stack: PrivateStack, kpi: KpiReader, baseline: Baseline, accepted: readonly AcceptedEvent[], from: number, timeoutMs: number): Promise<Settled> {
  let kpiSeconds: number | null = null;
  let effectsSeconds: number | null = null;
  const deadline = from + timeoutMs;
  for (;;) {
    let m: Measurement | undefined;
    try {
      m = await measure(stack, kpi, baseline, accepted);
    } catch {
      // A service or database still coming back: look again.
    }
    const t = (Date.now() - from) / 1000;
    if (m?.kpiMatches && kpiSeconds === null) kpiSeconds = t;
    if (m?.kpiMatches && m.effectsComplete && effectsSeconds === null) effectsSeconds = t;
    if ((m && kpiSeconds !== null && effectsSeconds !== null) || Date.now() > deadline) {
      const final = m ?? (await measure(stack, kpi, baseline, accepted));
      return { final, kpiSeconds: final.kpiMatches ? kpiSeconds : null, effectsSeconds: final.kpiMatches && final.effectsComplete ? effectsSeconds : null };
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
