/**
 * Property: whatever the arrival order, batching, redeliveries, corrections
 * (before or after their targets, accepted or not) and rule changes, the
 * incrementally maintained evaluation equals the reference evaluator on what
 * was archived — every fact's status, keys, duplicates (with their makers),
 * reason and correction, the holders and makers, every figure, and the value
 * as of every business date. Real: the engine's core, arrivals and builder;
 * the store is the in-memory one (the PostgreSQL store runs the same
 * histories in pg-store.int-spec.ts).
 */
import fc from 'fast-check';
import { propertySeed } from '@tjc/testing';
import { evaluateKpi, judgeEvent, type CandidateEvent, type KpiRule } from '../kpi/kpi-evaluator';
import { differencesFromReference, replay, type ReplayTarget } from '../testing/engine-replay';
import { historyArbitrary, RULES } from '../testing/history.arbitrary';
import { SortedBuilder } from './build';
import { runBatch } from './evaluation-store';
import { applyBatch, judgedDims, NeedHolders, type BatchItem } from './incremental';
import { MemoryEvaluationStore } from './memory-store';

function memoryTarget(): ReplayTarget & { stores: Record<'first' | 'second', MemoryEvaluationStore> } {
  const stores = { first: new MemoryEvaluationStore(), second: new MemoryEvaluationStore() };
  return { stores, batch: (evaluation, fn) => fn(stores[evaluation]) };
}

describe('incremental evaluation = the reference evaluator (property)', () => {
  const seed = propertySeed(20261201, 'engine incremental vs reference');

  it('holds for random histories: arrival order, batches, redeliveries, corrections and rule changes', async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, async (history) => {
        const target = memoryTarget();
        const { archive, rule, evaluation } = await replay(history, target);
        const differences = differencesFromReference(target.stores[evaluation], rule, [...archive.events.values()], [...archive.corrections.values()]);
        expect(differences).toEqual([]);
      }),
      { seed, numRuns: 3000 },
    );
  });

  it('finds differences when there are any (the comparison is not blind)', async () => {
    const target = memoryTarget();
    const history = fc.sample(historyArbitrary.filter((h) => h.events.some((e) => e.type === 't.activity.v1')), { seed, numRuns: 1 })[0]!;
    const { archive } = await replay({ ...history, firstRule: 0, ruleChange: null }, target);
    const store = target.stores.first;
    const [ref, fact] = [...store.facts].find(([, f]) => f.eligibility === 'eligible')!;
    store.facts.set(ref, { ...fact, contribution: fact.contribution + 1 });
    expect(differencesFromReference(store, RULES[0]!, [...archive.events.values()], [...archive.corrections.values()]).length).toBeGreaterThan(0);
  });
});

describe('incremental core, by example', () => {
  const rule: KpiRule = RULES[0]!; // activities, counted by subject
  let n = 0;
  const ev = (subject: string, time: string): CandidateEvent => ({
    source: 'tjc/service-network',
    id: `e${++n}`,
    type: 't.activity.v1',
    subject,
    time: new Date(time),
    region: 'tianjin',
    dataversion: '1.0',
    receivedAt: new Date(),
    data: {},
  });
  const item = (event: CandidateEvent): BatchItem => ({ event, dims: { month: 1, network: 'service', region: 'tianjin' }, judgement: { eligible: true, keys: [event.subject] } });

  it('a late, earlier-dated event takes the key over: two contributions change, nothing else', async () => {
    const store = new MemoryEvaluationStore();
    const may = ev('act-1', '2024-05-01T10:00:00+08:00');
    const june = ev('act-1', '2024-06-01T10:00:00+08:00');
    await runBatch(store, [item(june)]);
    const change = await runBatch(store, [item(may)]);
    expect(change.facts.size).toBe(1); // only the new event's fact is written
    expect([...change.contributionDeltas]).toEqual([[`${june.source}\u0000${june.id}`, -1]]);
    expect(change.figureDeltas.size).toBe(0); // same month, network and region: the figures do not move
    expect(evaluateKpi(rule, [june, may]).value).toBe(1);
  });

  it('removing a key maker asks for the key’s other holders, and the next one takes over', () => {
    const a = ev('act-2', '2024-01-01T10:00:00+08:00');
    const b = ev('act-2', '2024-02-01T10:00:00+08:00');
    const holderA = { source: a.source, id: a.id, time: a.time, dims: { month: 1, network: 'service', region: 'tianjin' } };
    const holderB = { ...holderA, id: b.id, time: b.time };
    const stored = { event: a, dims: holderA.dims, eligibility: 'eligible' as const, reason: null, correction: null, eventKeys: ['act-2'], contribution: 1 };
    const retract: BatchItem = { event: a, dims: holderA.dims, judgement: { eligible: false, status: 'retracted', reason: 'retracted by tjc/center: 重复' } };
    const input = { facts: new Map([[`${a.source}\u0000${a.id}`, stored]]), makers: new Map([['act-2', holderA]]), holders: new Map() };
    expect(() => applyBatch(input, [retract])).toThrow(NeedHolders);
    const change = applyBatch({ ...input, holders: new Map([['act-2', [holderA, holderB]]]) }, [retract]);
    expect(change.makers.get('act-2')).toEqual(holderB);
    expect([...change.contributionDeltas]).toEqual([[`${b.source}\u0000${b.id}`, 1]]);
  });

  it('an amendment that moves a counted event to another region moves its unit, and its stored holder with it (regionPath)', async () => {
    const byOrigin: KpiRule = { ...rule, regionPath: 'origin.region' };
    const store = new MemoryEvaluationStore();
    const first = { ...ev('act-3', '2024-04-01T10:00:00+08:00'), data: { origin: { region: 'hebei' } } };
    const second = { ...ev('act-3', '2024-05-01T10:00:00+08:00'), data: { origin: { region: 'beijing' } } };
    const judged = (e: CandidateEvent, data: unknown = e.data): BatchItem => {
      const judgement = judgeEvent(byOrigin, { ...e, data }, undefined);
      return { event: e, dims: judgedDims({ month: 4, network: 'service', region: 'tianjin' }, judgement), judgement };
    };
    await runBatch(store, [judged(first), judged(second)]);
    expect(store.figures.get('region/hebei')).toBe(1);
    // The first is amended to Xiong'an: it stays the key's maker, so the unit moves from Hebei to Xiong'an.
    await runBatch(store, [judged(first, { origin: { region: 'xiongan' } })]);
    expect([store.figures.get('region/hebei'), store.figures.get('region/xiongan'), store.figures.get('total/total')]).toEqual([0, 1, 1]);
    expect(store.holders.get('act-3')!.map((h) => h.dims.region)).toEqual(['xiongan', 'beijing']);
    // The maker is retracted: the second takes the key over, and counts where its own data says (Beijing).
    await runBatch(store, [{ event: first, dims: { month: 4, network: 'service', region: 'tianjin' }, judgement: { eligible: false, status: 'retracted', reason: 'retracted by tjc/center: 重复' } }]);
    expect([store.figures.get('region/xiongan'), store.figures.get('region/beijing'), store.figures.get('total/total')]).toEqual([0, 1, 1]);
    // Not a region: the publisher's.
    expect(judgedDims({ month: 1, network: 'service', region: 'tianjin' }, judgeEvent(byOrigin, { ...first, data: { origin: { region: 'atlantis' } } }, undefined)).region).toBe('tianjin');
  });

  it('the builder, fed in business-time order, needs no stored state and remembers keys only', () => {
    const builder = new SortedBuilder();
    const first = builder.chunk([item(ev('k1', '2024-01-01T00:00:00+08:00')), item(ev('k2', '2024-01-02T00:00:00+08:00'))]);
    const second = builder.chunk([item(ev('k1', '2024-03-01T00:00:00+08:00'))]);
    expect(first.figureDeltas.get('total/total')).toBe(2);
    expect(second.figureDeltas.get('total/total')).toBeUndefined(); // a duplicate of k1
    expect(builder.keys).toBe(2);
  });
});
