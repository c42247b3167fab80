/**
 * The lineage of a stored fact, in the reference evaluator's terms (Fact of
 * kpi-evaluator.ts): its status, the keys it made and, for each key it
 * carries but did not make, which event did. Derived when the lineage is
 * read, from the fact and the current makers of its keys, so a takeover
 * changes two contributions instead of rewriting every holder's fact.
 */
import { duplicateReason, type AppliedCorrection, type EventRef, type FactStatus } from '../kpi/kpi-evaluator';
import { refOf, type FactState, type Holder } from './incremental';

export interface DerivedLineage {
  readonly status: FactStatus;
  readonly contribution: number;
  readonly keys: readonly string[];
  readonly duplicates: readonly { readonly key: string; readonly madeBy: EventRef }[];
  readonly reason: string | null;
  readonly correction: AppliedCorrection | null;
}

export function deriveLineage(fact: Pick<FactState, 'event' | 'eligibility' | 'reason' | 'correction' | 'eventKeys' | 'contribution'>, makers: ReadonlyMap<string, Pick<Holder, 'source' | 'id'> | null>): DerivedLineage {
  if (fact.eligibility !== 'eligible') {
    return { status: fact.eligibility, contribution: 0, keys: [], duplicates: [], reason: fact.reason, correction: fact.correction };
  }
  const self = refOf(fact.event);
  const keys: string[] = [];
  const duplicates: { key: string; madeBy: EventRef }[] = [];
  for (const key of fact.eventKeys) {
    const maker = makers.get(key);
    if (!maker) throw new Error(`key ${key} of ${self} has no maker`);
    if (refOf(maker) === self) keys.push(key);
    else duplicates.push({ key, madeBy: { source: maker.source, id: maker.id } });
  }
  return keys.length > 0
    ? { status: 'counted', contribution: keys.length, keys, duplicates, reason: null, correction: fact.correction }
    : { status: 'duplicate', contribution: 0, keys, duplicates, reason: duplicateReason(duplicates.map((d) => d.key)), correction: fact.correction };
}
