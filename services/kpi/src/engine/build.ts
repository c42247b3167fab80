/**
 * Building an evaluation from the archive (a rebuild, a new counting rule,
 * "as known at"): the candidates, already judged, fed chunk by chunk in
 * business-time order to the same core as the live path. In that order an
 * event never takes a key over and nothing is removed, so a chunk needs no
 * stored state but the makers of its keys, which the builder keeps — one
 * entry per distinct key, never the events themselves: memory grows with
 * the keys of the year, not with its events or their data.
 */
import { applyBatch, refOf, type BatchItem, type Change, type Holder } from './incremental';

export class SortedBuilder {
  private readonly makers = new Map<string, Holder>();

  /** Distinct keys made so far. */
  get keys(): number {
    return this.makers.size;
  }

  /**
   * The change one chunk makes. Chunks should follow business-time order;
   * one that does not (a catch-up of late arrivals) is still right: the core
   * takes keys over as the live path does, and the change then carries the
   * contribution deltas of the earlier makers.
   */
  chunk(items: readonly BatchItem[]): Change {
    const facts = new Map(items.map((i) => [refOf(i.event), null] as const));
    const makers = new Map<string, Holder | null>();
    for (const item of items) if (item.judgement.eligible) for (const k of item.judgement.keys) makers.set(k, this.makers.get(k) ?? null);
    const change = applyBatch({ facts, makers, holders: new Map() }, items);
    for (const [k, m] of change.makers) {
      if (m) this.makers.set(k, m);
      else this.makers.delete(k);
    }
    return change;
  }
}
