/**
 * An evaluation's state in memory, behind the same EvaluationStore the
 * PostgreSQL store implements: what the property test runs the engine
 * against thousands of times (and what it checks the PostgreSQL store
 * against in the integration test).
 */
import type { EvaluationStore } from './evaluation-store';
import { holderBefore, refOf, type Change, type FactState, type FigureKey, type Holder } from './incremental';

export class MemoryEvaluationStore implements EvaluationStore {
  readonly facts = new Map<string, FactState>();
  readonly holders = new Map<string, Holder[]>();
  readonly makers = new Map<string, Holder>();
  readonly figures = new Map<FigureKey, number>();

  loadFacts(refs: readonly { source: string; id: string }[]): Promise<Map<string, FactState | null>> {
    // Copies: the core mutates the facts it is given, as it would rows it had read.
    return Promise.resolve(new Map(refs.map((r) => [refOf(r), this.copy(this.facts.get(refOf(r)))])));
  }

  lockKeys(): Promise<void> {
    return Promise.resolve();
  }

  loadMakers(keys: readonly string[]): Promise<Map<string, Holder | null>> {
    return Promise.resolve(new Map(keys.map((k) => [k, this.makers.get(k) ?? null])));
  }

  loadHolders(keys: readonly string[]): Promise<Map<string, Holder[]>> {
    return Promise.resolve(new Map(keys.map((k) => [k, [...(this.holders.get(k) ?? [])]])));
  }

  write(change: Change): Promise<void> {
    for (const [ref, fact] of change.facts) this.facts.set(ref, { ...fact });
    for (const [ref, delta] of change.contributionDeltas) {
      const fact = this.facts.get(ref);
      if (!fact) throw new Error(`contribution delta for ${ref}, which has no fact`);
      fact.contribution += delta;
    }
    for (const { key, source, id } of change.holderDeletes.values()) {
      const list = this.holders.get(key) ?? [];
      const i = list.findIndex((h) => h.source === source && h.id === id);
      if (i < 0) throw new Error(`holder ${source}/${id} of ${key} deleted but not stored`);
      list.splice(i, 1);
    }
    for (const { key, holder } of change.holderInserts.values()) {
      const list = this.holders.get(key) ?? [];
      if (list.some((h) => refOf(h) === refOf(holder))) throw new Error(`holder ${refOf(holder)} of ${key} inserted twice`);
      let i = 0;
      while (i < list.length && holderBefore(list[i]!, holder)) i++;
      list.splice(i, 0, holder);
      this.holders.set(key, list);
    }
    for (const { key, holder } of change.holderMoves.values()) {
      const list = this.holders.get(key) ?? [];
      const i = list.findIndex((h) => refOf(h) === refOf(holder));
      if (i < 0) throw new Error(`holder ${refOf(holder)} of ${key} moved but not stored`);
      list[i] = holder;
    }
    for (const [key, maker] of change.makers) {
      if (maker) this.makers.set(key, maker);
      else this.makers.delete(key);
    }
    for (const [key, delta] of change.figureDeltas) this.figures.set(key, (this.figures.get(key) ?? 0) + delta);
    return Promise.resolve();
  }

  private copy(fact: FactState | undefined): FactState | null {
    return fact ? { ...fact } : null;
  }
}
