/**
 * Random histories of one KPI year for the engine's property tests: events
 * of a few types with colliding subjects, keys and business times (ties are
 * broken by source and id), filters that pass and fail, item lists with
 * shared and missing keys, corrections (retractions and amendments, from the
 * publisher, the center or someone not allowed, aimed at the right type or
 * not, at events that arrive before them, after them or never), every event
 * possibly delivered twice, all in a random arrival order cut into random
 * batches, and the rule possibly changed part-way. The consortium type is
 * the real one, so the facts the center owns (contracts FACT_AUTHORITIES:
 * the lead's id and region, asserted by a source that is not the registry or
 * amended by one) are excluded on both sides too.
 */
import fc from 'fast-check';
import type { CandidateEvent, CorrectionRecord, KpiRule } from '../kpi/kpi-evaluator';
import type { Arrival } from '../engine/arrivals';

export const TYPES = ['t.activity.v1', 'industry.consortium.formed.v1', 't.training.v1', 't.other.v1', 'research.project.found.v1'] as const;
const SOURCES = ['tjc/service-network', 'partner/hebei-center', 'tjc/industry-network'] as const;
const REGIONS = ['tianjin', 'hebei', 'beijing'] as const;
/** Five instants, several events each: ties in business time are common. */
const TIMES = ['2024-01-15T09:00:00+08:00', '2024-03-01T00:00:00+08:00', '2024-03-01T00:00:00+08:00', '2024-06-30T23:59:59+08:00', '2024-12-31T12:00:00+08:00'].map((t) => new Date(t));

export const RULES: readonly KpiRule[] = [
  { eventTypes: ['t.activity.v1'], filters: [], counting: { kind: 'count-distinct', key: 'subject' } },
  {
    eventTypes: ['industry.consortium.formed.v1'],
    filters: [
      { path: 'leadEnterprise.key', op: 'eq', value: true },
      { path: 'leadEnterprise.region', op: 'in', values: ['tianjin', 'hebei'] },
    ],
    counting: { kind: 'count-distinct', key: 'leadEnterprise.id' },
  },
  { eventTypes: ['t.training.v1', 't.activity.v1'], filters: [{ path: 'items', op: 'exists' }], counting: { kind: 'sum-distinct-items', items: 'items', key: 'k' } },
  { eventTypes: ['industry.consortium.formed.v1', 't.training.v1'], filters: [], counting: { kind: 'count-distinct', key: 'leadEnterprise.id' } },
  // A type with an identity authority beside one without: the research network's corrections apply to the first only.
  { eventTypes: ['research.project.found.v1', 't.activity.v1'], filters: [], counting: { kind: 'count-distinct', key: 'subject' } },
  // The region breakdown read from the data (amendments move a unit between regions; a value that is no region falls back).
  { eventTypes: ['t.activity.v1', 't.training.v1'], filters: [], counting: { kind: 'count-distinct', key: 'leadEnterprise.id' }, regionPath: 'leadEnterprise.region' },
];

const dataArb = fc.record(
  {
    leadEnterprise: fc.record({ id: fc.constantFrom('e1', 'e2', 'e3'), key: fc.boolean(), region: fc.constantFrom(...REGIONS, 'atlantis') }, { requiredKeys: ['key', 'region'] }),
    items: fc.oneof(
      { weight: 8, arbitrary: fc.array(fc.record({ k: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5') }, { requiredKeys: [] }), { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.constant('not a list') },
    ),
  },
  { requiredKeys: ['leadEnterprise'] },
);

export interface History {
  readonly events: readonly CandidateEvent[];
  readonly corrections: readonly CorrectionRecord[];
  /** Arrivals in delivery order, cut into consumer batches; an arrival may come twice. */
  readonly batches: readonly (readonly Arrival[])[];
  readonly firstRule: number;
  /** The rule changes to this one before the given batch (a new evaluation is built from the archive). */
  readonly ruleChange: { readonly beforeBatch: number; readonly rule: number } | null;
}

export const historyArbitrary: fc.Arbitrary<History> = fc
  .record({
    events: fc.array(
      fc.record({
        type: fc.constantFrom(...TYPES),
        subject: fc.constantFrom('s1', 's2', 's3', 's4'),
        source: fc.constantFrom(...SOURCES),
        time: fc.constantFrom(...TIMES),
        region: fc.constantFrom(...REGIONS),
        data: dataArb,
        received: fc.nat(1000),
      }),
      { minLength: 1, maxLength: 18 },
    ),
    corrections: fc.array(
      fc.record({
        target: fc.nat(40),
        // 'identity': the research network, which may correct partners' research.project.found.v1 (ADR 0016) and nothing else.
        by: fc.constantFrom('publisher', 'center', 'stranger', 'identity'),
        action: fc.constantFrom('retract', 'amend'),
        replacement: dataArb,
        wrongType: fc.boolean(),
        time: fc.constantFrom(...TIMES),
        received: fc.nat(1000),
      }),
      { maxLength: 6 },
    ),
    duplicateDeliveries: fc.array(fc.nat(30), { maxLength: 4 }),
    order: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
    cuts: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 30, maxLength: 30 }),
    firstRule: fc.nat(RULES.length - 1),
    ruleChange: fc.option(fc.record({ beforeBatch: fc.nat(8), rule: fc.nat(RULES.length - 1) }), { nil: null }),
  })
  .map((r) => {
    const events: CandidateEvent[] = r.events.map((e, i) => ({
      source: e.source,
      id: `ev-${String(i).padStart(2, '0')}`,
      type: e.type,
      subject: e.subject,
      time: e.time,
      region: e.region,
      dataversion: '1.0',
      receivedAt: new Date(Date.UTC(2025, 0, 1) + e.received * 1000),
      data: e.data,
    }));
    const corrections: CorrectionRecord[] = r.corrections.map((c, i) => {
      // Some aim at an event that never arrives (an index past the events).
      const target = events[c.target] ?? { source: 'tjc/service-network', id: `missing-${c.target}`, type: 't.activity.v1' };
      const source =
        c.by === 'center'
          ? 'tjc/center'
          : c.by === 'publisher'
            ? target.source
            : c.by === 'identity'
              ? 'tjc/research-network'
              : target.source === 'partner/hebei-center'
                ? 'tjc/service-network'
                : 'partner/hebei-center';
      return {
        source,
        id: `corr-${i}`,
        time: c.time,
        receivedAt: new Date(Date.UTC(2025, 0, 1) + c.received * 1000),
        correctionId: `c-${i}`,
        target: { source: target.source, id: target.id, type: c.wrongType ? 't.other.v1' : target.type },
        action: c.action,
        reason: `理由 ${i}`,
        ...(c.action === 'amend' && { replacement: c.replacement }),
      };
    });
    const arrivals: Arrival[] = [...events.map((event): Arrival => ({ kind: 'event', event })), ...corrections.map((correction): Arrival => ({ kind: 'correction', correction }))];
    for (const d of r.duplicateDeliveries) if (arrivals.length) arrivals.push(arrivals[d % arrivals.length]!);
    // A random permutation from the drawn keys (stable, so shrinking stays meaningful).
    const delivered = arrivals.map((a, i) => ({ a, k: r.order[i % r.order.length]! + i / 1000 })).sort((x, y) => x.k - y.k).map((x) => x.a);
    const batches: Arrival[][] = [];
    for (let i = 0, c = 0; i < delivered.length; c++) {
      const size = r.cuts[c % r.cuts.length]!;
      batches.push(delivered.slice(i, i + size));
      i += size;
    }
    return { events, corrections, batches, firstRule: r.firstRule, ruleChange: r.ruleChange };
  });
