/**
 * Running a batch against one evaluation's stored state: what to load, in
 * which order, and the one write. The same steps for PostgreSQL (pg-store.ts)
 * and for the in-memory store of the property test (memory-store.ts).
 */
import { applyBatch, keysOfBatch, NeedHolders, refOf, type BatchItem, type Change, type FactState, type Holder } from './incremental';

export interface EvaluationStore {
  /** Stored facts of these events (null where there is none yet). */
  loadFacts(refs: readonly { source: string; id: string }[]): Promise<Map<string, FactState | null>>;
  /**
   * Serialises every writer of these keys of this evaluation until the end of
   * the transaction; always taken in one sorted sweep, so two batches sharing
   * keys wait for each other instead of deadlocking.
   */
  lockKeys(keys: readonly string[]): Promise<void>;
  loadMakers(keys: readonly string[]): Promise<Map<string, Holder | null>>;
  /** Every holder of each key, in business-time order. */
  loadHolders(keys: readonly string[]): Promise<Map<string, Holder[]>>;
  write(change: Change): Promise<void>;
}

export async function runBatch(store: EvaluationStore, items: readonly BatchItem[]): Promise<Change> {
  const refs = [...new Map(items.map((i) => [refOf(i.event), { source: i.event.source, id: i.event.id }])).values()];
  const facts = await store.loadFacts(refs);
  const keys = keysOfBatch({ facts }, items);
  await store.lockKeys(keys);
  const makers = await store.loadMakers(keys);
  const holders = new Map<string, Holder[]>();
  for (;;) {
    try {
      const change = applyBatch({ facts, makers, holders }, items);
      await store.write(change);
      return change;
    } catch (error) {
      // A removal of a key's maker needs the key's other holders: load exactly those and run the batch again
      // (every pass loads more keys, so this ends; usually there is no such removal and no second pass).
      if (!(error instanceof NeedHolders)) throw error;
      const wanted = error.keys.filter((k) => !holders.has(k));
      if (wanted.length === 0) throw new Error(`holders of ${error.keys.join(', ')} were loaded and are still missing`, { cause: error });
      const loaded = await store.loadHolders(wanted);
      for (const k of wanted) holders.set(k, loaded.get(k) ?? []);
    }
  }
}
