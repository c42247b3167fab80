/**
 * Test support for the engine's property tests: replays a random history
 * (history.arbitrary.ts) through the live path — archive, itemsFor, runBatch
 * against a store — building a new evaluation from the archive when the rule
 * changes, and compares the resulting state with the reference evaluator.
 */
import { canonicalJson, type SqlExecutor } from '@tjc/runtime';
import { shanghaiMonth } from '../kpi/business-time';
import { foldFigures, monthKey } from '../kpi/figures';
import { compareEvents, effectiveCorrection, evaluateKpi, judgeEvent, type CandidateEvent, type CorrectionRecord, type KpiRule } from '../kpi/kpi-evaluator';
import { itemsFor, type Arrival, type ArchiveView } from '../engine/arrivals';
import { SortedBuilder } from '../engine/build';
import { runBatch, type EvaluationStore } from '../engine/evaluation-store';
import { holderBefore, judgedDims, refOf, type Dims, type FactState, type FigureKey, type Holder } from '../engine/incremental';
import { deriveLineage } from '../engine/lineage';
import { FACT_COLUMNS, factFromRow } from '../engine/pg-store';
import { RULES, type History } from './history.arbitrary';

/** Deterministic dimensions for the test's event types. */
export const testDims = (e: CandidateEvent): Dims => ({ month: shanghaiMonth(e.time), network: e.type.split('.')[1] ?? 'unknown', region: e.region });

export class TestArchive implements ArchiveView {
  readonly events = new Map<string, CandidateEvent>();
  readonly corrections = new Map<string, CorrectionRecord>();

  /** Archives what is new; returns only the new arrivals (a redelivery is archived once, as by the primary key). */
  add(batch: readonly Arrival[]): Arrival[] {
    const fresh: Arrival[] = [];
    for (const a of batch) {
      const store = a.kind === 'event' ? this.events : this.corrections;
      const rec = a.kind === 'event' ? a.event : a.correction;
      if (store.has(refOf(rec))) continue;
      if (a.kind === 'event') this.events.set(refOf(a.event), a.event);
      else this.corrections.set(refOf(a.correction), a.correction);
      fresh.push(a);
    }
    return fresh;
  }
  event(source: string, id: string): CandidateEvent | undefined {
    return this.events.get(refOf({ source, id }));
  }
  correctionsOf(source: string, id: string): CorrectionRecord[] {
    return [...this.corrections.values()].filter((c) => c.target.source === source && c.target.id === id);
  }
}

export interface ReplayTarget {
  /** Runs fn against the store of an evaluation (for PostgreSQL: in one transaction). */
  batch<T>(evaluation: 'first' | 'second', fn: (store: EvaluationStore) => Promise<T>): Promise<T>;
}

/** Builds an evaluation of `rule` from everything archived, in business-time order, in chunks. */
export async function buildFromArchive(target: ReplayTarget, evaluation: 'first' | 'second', rule: KpiRule, archive: TestArchive, chunkSize = 3): Promise<void> {
  const types = new Set(rule.eventTypes);
  const sorted = [...archive.events.values()].filter((e) => types.has(e.type)).sort(compareEvents);
  const builder = new SortedBuilder();
  for (let i = 0; i < sorted.length; i += chunkSize) {
    const items = sorted.slice(i, i + chunkSize).map((event) => {
      const judgement = judgeEvent(rule, event, effectiveCorrection(event, archive.correctionsOf(event.source, event.id)));
      return { event, dims: judgedDims(testDims(event), judgement), judgement };
    });
    await target.batch(evaluation, (store) => store.write(builder.chunk(items)));
  }
}

export async function replay(history: History, target: ReplayTarget): Promise<{ archive: TestArchive; rule: KpiRule; evaluation: 'first' | 'second' }> {
  const archive = new TestArchive();
  let rule = RULES[history.firstRule]!;
  let evaluation: 'first' | 'second' = 'first';
  for (const [b, batch] of history.batches.entries()) {
    if (history.ruleChange && history.ruleChange.beforeBatch === b && evaluation === 'first') {
      rule = RULES[history.ruleChange.rule]!;
      evaluation = 'second';
      await buildFromArchive(target, evaluation, rule, archive);
    }
    const fresh = archive.add(batch);
    const items = itemsFor(rule, fresh, archive, testDims);
    if (items.length > 0) await target.batch(evaluation, (store) => runBatch(store, items));
  }
  return { archive, rule, evaluation };
}

export interface EvaluationState {
  readonly facts: ReadonlyMap<string, FactState>;
  readonly holders: ReadonlyMap<string, readonly Holder[]>;
  readonly makers: ReadonlyMap<string, Holder>;
  readonly figures: ReadonlyMap<FigureKey, number>;
}

/** An evaluation's whole stored state, read back from PostgreSQL. */
export async function readEvaluationState(db: SqlExecutor, evaluationId: number): Promise<EvaluationState> {
  const facts = await db.$queryRawUnsafe<Parameters<typeof factFromRow>[0][]>(`SELECT ${FACT_COLUMNS} FROM kpi_fact WHERE evaluation_id = $1`, evaluationId);
  type Row = { key: string; source: string; id: string; time: Date; month: number; network: string; region: string };
  const holders = await db.$queryRawUnsafe<Row[]>(`SELECT key, source, id, time, month, network, region FROM kpi_key_holder WHERE evaluation_id = $1 ORDER BY key, time, source, id`, evaluationId);
  const makers = await db.$queryRawUnsafe<Row[]>(
    `SELECT key, maker_source AS source, maker_id AS id, maker_time AS time, maker_month AS month, maker_network AS network, maker_region AS region FROM kpi_key WHERE evaluation_id = $1`,
    evaluationId,
  );
  const figures = await db.$queryRawUnsafe<{ dimension: string; key: string; value: number }[]>(`SELECT dimension, key, value FROM kpi_figure WHERE evaluation_id = $1`, evaluationId);
  const holder = (r: Row): Holder => ({ source: r.source, id: r.id, time: r.time, dims: { month: r.month, network: r.network, region: r.region } });
  const byKey = new Map<string, Holder[]>();
  for (const r of holders) byKey.set(r.key, [...(byKey.get(r.key) ?? []), holder(r)]);
  return {
    facts: new Map<string, FactState>(facts.map((r) => [refOf({ source: r.event_source, id: r.event_id }), factFromRow(r)])),
    holders: byKey,
    makers: new Map(makers.map((r) => [r.key, holder(r)])),
    figures: new Map(figures.map((r) => [`${r.dimension}/${r.key}` as FigureKey, r.value])),
  };
}

/** The differences between a stored evaluation and the reference evaluator on the same archive (empty = equal). */
export function differencesFromReference(
  state: EvaluationState,
  rule: KpiRule,
  events: readonly CandidateEvent[],
  corrections: readonly CorrectionRecord[],
  dims: (e: CandidateEvent) => Dims = testDims,
): string[] {
  const out: string[] = [];
  const reference = evaluateKpi(rule, events, corrections);
  const refs = new Set(reference.facts.map((f) => refOf(f.event)));
  for (const ref of state.facts.keys()) if (!refs.has(ref)) out.push(`fact ${ref} is stored but is no candidate`);
  for (const f of reference.facts) {
    const ref = refOf(f.event);
    const stored = state.facts.get(ref);
    if (!stored) {
      out.push(`fact ${ref} is missing`);
      continue;
    }
    const derived = deriveLineage(stored, state.makers);
    const want = { status: f.status, contribution: f.contribution, keys: f.keys, duplicates: f.duplicates, reason: f.reason ?? null, correction: f.correction ?? null };
    const got = { status: derived.status, contribution: derived.contribution, keys: derived.keys, duplicates: derived.duplicates, reason: derived.reason, correction: derived.correction };
    // Key order aside (jsonb keeps none): array order matters, object key order does not.
    if (canonicalJson(got) !== canonicalJson(want)) out.push(`fact ${ref}: ${canonicalJson(got)} ≠ reference ${canonicalJson(want)}`);
    if (stored.contribution !== derived.contribution) out.push(`fact ${ref}: stored contribution ${stored.contribution} ≠ its keys made ${derived.contribution}`);
    const wantDims = { ...dims(f.event), ...(f.region !== undefined && { region: f.region }) };
    if (canonicalJson(stored.dims) !== canonicalJson(wantDims)) out.push(`fact ${ref} counts under ${canonicalJson(stored.dims)} ≠ reference ${canonicalJson(wantDims)}`);
  }
  // A holder or a maker counts where its fact does: a key changing hands moves its unit to the new maker's place.
  for (const [k, list] of state.holders) {
    for (const h of list) {
      const fact = state.facts.get(refOf(h));
      if (fact && canonicalJson(h.dims) !== canonicalJson(fact.dims)) out.push(`holder ${refOf(h)} of ${k} counts under ${canonicalJson(h.dims)}, its fact under ${canonicalJson(fact.dims)}`);
    }
  }
  for (const [k, m] of state.makers) {
    const fact = m && state.facts.get(refOf(m));
    if (m && fact && canonicalJson(m.dims) !== canonicalJson(fact.dims)) out.push(`maker ${refOf(m)} of ${k} counts under ${canonicalJson(m.dims)}, its fact under ${canonicalJson(fact.dims)}`);
  }
  // Holders: every eligible fact's keys, in business-time order; the maker is the first.
  const wantHolders = new Map<string, Holder[]>();
  for (const fact of state.facts.values()) {
    if (fact.eligibility !== 'eligible') continue;
    for (const k of fact.eventKeys) wantHolders.set(k, [...(wantHolders.get(k) ?? []), { source: fact.event.source, id: fact.event.id, time: fact.event.time, dims: fact.dims }]);
  }
  for (const [k, list] of wantHolders) {
    list.sort((a, b) => (holderBefore(a, b) ? -1 : 1));
    const stored = (state.holders.get(k) ?? []).map(refOf);
    if (JSON.stringify(stored) !== JSON.stringify(list.map(refOf))) out.push(`holders of ${k}: ${stored.join(',')} ≠ ${list.map(refOf).join(',')}`);
    if (refOf(state.makers.get(k) ?? { source: '-', id: '-' }) !== refOf(list[0]!)) out.push(`maker of ${k} is not its first holder`);
  }
  for (const k of state.makers.keys()) if (!wantHolders.has(k)) out.push(`key ${k} has a maker but no holder`);
  // Figures: the reference's counted facts folded by dimension.
  const folded = foldFigures(reference.facts.filter((f) => f.status === 'counted').map((f) => ({ kpiCode: 'k', ...dims(f.event), ...(f.region !== undefined && { region: f.region }), value: f.contribution }))).get('k');
  const want = new Map<string, number>(folded ? [['total/total', folded.total], ...(['month', 'network', 'region'] as const).flatMap((d) => Object.entries(folded[d]).map(([key, v]) => [`${d}/${key}`, v] as [string, number]))] : []);
  const got = new Map<string, number>([...state.figures].filter(([, v]) => v !== 0));
  for (const key of new Set([...want.keys(), ...got.keys()])) if ((want.get(key) ?? 0) !== (got.get(key) ?? 0)) out.push(`figure ${key}: ${got.get(key) ?? 0} ≠ reference ${want.get(key) ?? 0}`);
  // As of each business date: the lineage's counted contributions up to it, as the API sums them.
  for (const f of reference.facts) {
    const cutoff = f.event.time;
    const stored = [...state.facts.values()].filter((s) => s.event.time <= cutoff).reduce((n, s) => n + s.contribution, 0);
    const expected = reference.facts.filter((r) => r.status === 'counted' && r.event.time <= cutoff).reduce((n, r) => n + r.contribution, 0);
    if (stored !== expected) out.push(`as of ${cutoff.toISOString()}: ${stored} ≠ reference ${expected}`);
  }
  return out;
}

export { monthKey };
