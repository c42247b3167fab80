/**
 * The incremental KPI engine's core: what a batch of events does to one
 * evaluation of one (year, KPI), touching only the keys those events carry.
 * Pure and synchronous over a working set the caller has loaded; the
 * PostgreSQL store (pg-store.ts) and the in-memory one of the property test
 * both run exactly this code.
 *
 * The state of an evaluation, and what it means:
 *
 *   fact    one per candidate event: its judgement (eligible, or retracted /
 *           excluded with the reason, and the correction in force), the
 *           distinct keys it carries when eligible (`eventKeys`), and its
 *           contribution = how many of those keys it made;
 *   holder  (key, event) for every eligible event carrying the key;
 *   maker   per key, its first holder in business-time order (time, source,
 *           id): the event that counts it;
 *   figure  per dimension value (total, month, network, region), the sum of
 *           the contributions of the facts there.
 *
 * This is the reference evaluator's result (kpi-evaluator.ts) kept up to
 * date: a fact is counted when its contribution is > 0, a duplicate of each
 * key's maker otherwise, and the value is the total figure. What an event
 * costs is O(its keys), whatever the size of its year:
 *
 *   new event        its fact, a holder per key; a key without a maker gets
 *                    it as maker (+1), a key whose maker is later in business
 *                    time is taken over (the old maker -1, it +1);
 *   re-judged event  (a correction, before or after it) removed first: its
 *                    holders go, and where it was the maker the next holder in
 *                    order takes over (+1) or the key disappears; then applied
 *                    with its new judgement (an amendment may change its keys).
 *
 * Which other events point at a key's maker (the lineage's `duplicates`) is
 * read when the lineage is shown, from the makers (lineage.ts), so a takeover
 * never rewrites the facts of every holder.
 */
import { DIMENSIONS, monthKey, type Dimension } from '../kpi/figures';
import { compareEvents, type AppliedCorrection, type CandidateEvent, type Judgement } from '../kpi/kpi-evaluator';

/** Where a fact's contribution is attributed in the figures. */
export interface Dims {
  readonly month: number;
  readonly network: string;
  readonly region: string;
}

/** An eligible event as a holder (or maker) of a key. */
export interface Holder {
  readonly source: string;
  readonly id: string;
  readonly time: Date;
  readonly dims: Dims;
}

export type Eligibility = 'eligible' | 'retracted' | 'excluded';

export interface FactState {
  readonly event: Omit<CandidateEvent, 'data'>;
  readonly dims: Dims;
  readonly eligibility: Eligibility;
  readonly reason: string | null;
  readonly correction: AppliedCorrection | null;
  /** Distinct keys the event carries, in the order of its data; empty unless eligible. */
  readonly eventKeys: readonly string[];
  /** Keys of eventKeys this event is the maker of. */
  contribution: number;
}

export const refOf = (e: { readonly source: string; readonly id: string }): string => `${e.source}\u0000${e.id}`;

/** Business-time order of holders: the same total order as the reference evaluator's. */
export function holderBefore(a: Pick<Holder, 'time' | 'source' | 'id'>, b: Pick<Holder, 'time' | 'source' | 'id'>): boolean {
  return compareEvents(a, b) < 0;
}

/** An event's place in the figures under its judgement: the rule's region from the data (`regionPath`) when it read one. */
export const judgedDims = (dims: Dims, judgement: Judgement): Dims => (judgement.eligible && judgement.region !== undefined ? { ...dims, region: judgement.region } : dims);

const sameDims = (a: Dims | undefined, b: Dims) => a !== undefined && a.month === b.month && a.network === b.network && a.region === b.region;

/** A figure's coordinates: `total/total`, `month/05`, `network/service`, `region/hebei`. */
export type FigureKey = `${'total' | Dimension}/${string}`;

export function figureKeysOf(dims: Dims): FigureKey[] {
  const value: Record<Dimension, string> = { month: monthKey(dims.month), network: dims.network, region: dims.region };
  return ['total/total', ...DIMENSIONS.map((d): FigureKey => `${d}/${value[d]}`)];
}

/** What the core needs loaded before it can run a batch; it asks for more when a removal needs a key's other holders. */
export class NeedHolders extends Error {
  constructor(readonly keys: readonly string[]) {
    super(`holders of ${keys.length} key(s) are needed`);
    this.name = 'NeedHolders';
  }
}

/**
 * The state a batch reads and changes, loaded by the caller: the stored facts
 * of the batch's events (null = none yet), the makers of every key involved
 * (null = no maker yet), and the full holder lists of the keys the core asked
 * for (absent = not loaded).
 */
export interface WorkingSetInput {
  readonly facts: ReadonlyMap<string, FactState | null>;
  readonly makers: ReadonlyMap<string, Holder | null>;
  readonly holders: ReadonlyMap<string, readonly Holder[]>;
}

export interface Change {
  /** Final state of every fact of the batch's events. */
  readonly facts: Map<string, FactState>;
  /** Contribution changes of facts outside the batch (old and new makers of taken-over keys). */
  readonly contributionDeltas: Map<string, number>;
  readonly holderInserts: Map<string, { key: string; holder: Holder }>;
  readonly holderDeletes: Map<string, { key: string; source: string; id: string }>;
  /** Holders that stay but count elsewhere now (a re-judgement read another region from amended data). */
  readonly holderMoves: Map<string, { key: string; holder: Holder }>;
  /** Keys whose maker changed: the new maker, or null when the key has no holder left. */
  readonly makers: Map<string, Holder | null>;
  readonly figureDeltas: Map<FigureKey, number>;
  /** The total's change caused by each event of the batch, in batch order (restatements name their cause). */
  readonly totalDeltaByEvent: { readonly ref: string; readonly delta: number }[];
}

export interface BatchItem {
  readonly event: CandidateEvent;
  readonly dims: Dims;
  readonly judgement: Judgement;
}

const holderRef = (key: string, h: { source: string; id: string }) => `${key}\u0000${refOf(h)}`;

/**
 * Applies a batch, in order, to a working set. Each item is the event's
 * judgement now (an event already applied is removed first and applied
 * again, so a re-judgement after a correction is the same call). Throws
 * NeedHolders when a removal must know a key's other holders and the caller
 * has not loaded them: load them and run the batch again from the same input.
 */
export function applyBatch(input: WorkingSetInput, items: readonly BatchItem[]): Change {
  const facts = new Map<string, FactState | null>(input.facts);
  const makers = new Map(input.makers);
  const holders = new Map<string, Holder[]>([...input.holders].map(([k, list]) => [k, [...list]]));
  const change: Change = {
    facts: new Map(),
    contributionDeltas: new Map(),
    holderInserts: new Map(),
    holderDeletes: new Map(),
    holderMoves: new Map(),
    makers: new Map(),
    figureDeltas: new Map(),
    totalDeltaByEvent: [],
  };
  let totalDelta = 0;
  const missing = new Set<string>();
  // Dims of the holders this batch removed, so a holder added back elsewhere is moved, not left where it was.
  const removedDims = new Map<string, Dims>();

  const contribute = (who: { source: string; id: string }, dims: Dims, delta: number) => {
    const ref = refOf(who);
    const fact = facts.get(ref);
    if (fact) fact.contribution += delta;
    else change.contributionDeltas.set(ref, (change.contributionDeltas.get(ref) ?? 0) + delta);
    for (const f of figureKeysOf(dims)) change.figureDeltas.set(f, (change.figureDeltas.get(f) ?? 0) + delta);
    totalDelta += delta;
  };
  const makerOf = (key: string): Holder | null => {
    if (!makers.has(key)) throw new Error(`maker of key ${key} not loaded`);
    return makers.get(key)!;
  };
  const setMaker = (key: string, holder: Holder | null) => {
    makers.set(key, holder);
    change.makers.set(key, holder);
  };

  const remove = (ref: string, fact: FactState) => {
    if (fact.eligibility !== 'eligible') return;
    for (const key of fact.eventKeys) {
      const hr = holderRef(key, fact.event);
      if (change.holderInserts.has(hr)) change.holderInserts.delete(hr);
      else {
        change.holderDeletes.set(hr, { key, source: fact.event.source, id: fact.event.id });
        // The stored row's dims: its first removal in the batch sees them (a later one sees a move made since).
        if (!removedDims.has(hr)) removedDims.set(hr, fact.dims);
      }
      change.holderMoves.delete(hr);
      const list = holders.get(key);
      if (list) {
        const i = list.findIndex((h) => refOf(h) === ref);
        if (i >= 0) list.splice(i, 1);
      }
      const maker = makerOf(key);
      if (!maker || refOf(maker) !== ref) continue;
      if (!list) {
        missing.add(key);
        continue;
      }
      const next = list[0] ?? null;
      setMaker(key, next);
      contribute(fact.event, fact.dims, -1);
      if (next) contribute(next, next.dims, +1);
    }
  };

  const add = (fact: FactState) => {
    const me: Holder = { source: fact.event.source, id: fact.event.id, time: fact.event.time, dims: fact.dims };
    for (const key of fact.eventKeys) {
      const hr = holderRef(key, me);
      if (change.holderDeletes.has(hr)) {
        change.holderDeletes.delete(hr);
        if (!sameDims(removedDims.get(hr), me.dims)) change.holderMoves.set(hr, { key, holder: me });
      } else change.holderInserts.set(hr, { key, holder: me });
      const list = holders.get(key);
      if (list) {
        let i = 0;
        while (i < list.length && holderBefore(list[i]!, me)) i++;
        list.splice(i, 0, me);
      }
      const maker = makerOf(key);
      if (maker && !holderBefore(me, maker)) continue;
      setMaker(key, me);
      if (maker) contribute(maker, maker.dims, -1);
      contribute(me, me.dims, +1);
    }
  };

  for (const item of items) {
    const ref = refOf(item.event);
    if (!facts.has(ref)) throw new Error(`fact of ${ref} not loaded`);
    totalDelta = 0;
    const old = facts.get(ref);
    if (old) remove(ref, old);
    const { data: _data, ...event } = item.event;
    const j = item.judgement;
    const fact: FactState = {
      event,
      dims: item.dims,
      eligibility: j.eligible ? 'eligible' : j.status,
      reason: j.eligible ? null : j.reason,
      correction: j.correction ?? null,
      eventKeys: j.eligible ? j.keys : [],
      contribution: 0,
    };
    facts.set(ref, fact);
    change.facts.set(ref, fact);
    add(fact);
    change.totalDeltaByEvent.push({ ref, delta: totalDelta });
  }
  if (missing.size > 0) throw new NeedHolders([...missing]);
  for (const [ref, delta] of change.contributionDeltas) if (delta === 0) change.contributionDeltas.delete(ref);
  for (const [key, delta] of change.figureDeltas) if (delta === 0) change.figureDeltas.delete(key);
  return change;
}

/** The keys whose makers a batch reads: what the events carry now and what their stored facts carried. */
export function keysOfBatch(input: Pick<WorkingSetInput, 'facts'>, items: readonly BatchItem[]): string[] {
  const keys = new Set<string>();
  for (const item of items) {
    if (item.judgement.eligible) for (const k of item.judgement.keys) keys.add(k);
    const old = input.facts.get(refOf(item.event));
    if (old) for (const k of old.eventKeys) keys.add(k);
  }
  return [...keys];
}

export { DIMENSIONS };
