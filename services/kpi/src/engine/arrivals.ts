/**
 * What newly archived events ask of one evaluation, as batch items for the
 * core (incremental.ts), in arrival order:
 *  - a candidate event (its type is one of the rule's): judged with the
 *    correction in force on it, which may have arrived before it;
 *  - an accepted correction whose target is archived and a candidate: the
 *    target judged again with the correction now in force (a correction that
 *    arrives before its target waits in the archive: the target's own arrival
 *    applies it).
 * The same function serves the live consumer, a rebuild's catch-up and the
 * property test, so all three judge alike.
 */
import { effectiveCorrection, judgeCorrection, judgeEvent, type CandidateEvent, type CorrectionRecord, type KpiRule } from '../kpi/kpi-evaluator';
import { judgedDims, refOf, type BatchItem, type Dims } from './incremental';

export type Arrival = { readonly kind: 'event'; readonly event: CandidateEvent } | { readonly kind: 'correction'; readonly correction: CorrectionRecord };

export interface ArchiveView {
  /** An archived event by source and id (the target of a correction), if it is there. */
  event(source: string, id: string): CandidateEvent | undefined;
  /** Every archived correction aimed at this event (accepted or not: effectiveCorrection judges). */
  correctionsOf(source: string, id: string): readonly CorrectionRecord[];
}

export function itemsFor(rule: KpiRule, arrivals: readonly Arrival[], archive: ArchiveView, dimsOf: (event: CandidateEvent) => Dims): BatchItem[] {
  const types = new Set(rule.eventTypes);
  const items: BatchItem[] = [];
  const judge = (event: CandidateEvent): BatchItem => {
    const judgement = judgeEvent(rule, event, effectiveCorrection(event, archive.correctionsOf(event.source, event.id)));
    return { event, dims: judgedDims(dimsOf(event), judgement), judgement };
  };
  for (const arrival of arrivals) {
    if (arrival.kind === 'event') {
      if (types.has(arrival.event.type)) items.push(judge(arrival.event));
      continue;
    }
    const { target } = arrival.correction;
    const event = archive.event(target.source, target.id);
    if (!event || !types.has(event.type)) continue;
    if (judgeCorrection(arrival.correction, event) !== 'accepted') continue;
    items.push(judge(event));
  }
  return items;
}

/** The events a batch of items concerns, once each (for locks and loads). */
export function eventsOf(items: readonly BatchItem[]): { source: string; id: string }[] {
  return [...new Map(items.map((i) => [refOf(i.event), { source: i.event.source, id: i.event.id }])).values()];
}
