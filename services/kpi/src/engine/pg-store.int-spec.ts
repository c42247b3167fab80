/**
 * The engine's property test against PostgreSQL: the same random histories
 * as incremental.spec.ts, every batch in its own transaction through
 * PgEvaluationStore (the statements the live consumer runs), then the stored
 * state read back and compared with the reference evaluator. Also: one
 * batch costs the same number of statements whatever the size of its year.
 * Real: PostgreSQL (a migrated clone), Prisma's transaction with the pg
 * adapter. Not involved: Kafka, Redis.
 */
import path from 'node:path';
import fc from 'fast-check';
import type { RuntimeModuleOptions } from '@tjc/runtime';
import { migratedTestDatabase } from '@tjc/service-testing';
import { propertySeed, type TestDatabase } from '@tjc/testing';
import { PrismaService } from '../prisma.service';
import { differencesFromReference, readEvaluationState, replay, testDims, type ReplayTarget } from '../testing/engine-replay';
import { historyArbitrary } from '../testing/history.arbitrary';
import { runBatch } from './evaluation-store';
import { judgeEvent, type CandidateEvent, type KpiRule } from '../kpi/kpi-evaluator';
import { holderBefore, judgedDims, type BatchItem } from './incremental';
import { PgEvaluationStore } from './pg-store';

jest.setTimeout(600_000);

let db: TestDatabase;
let prisma: PrismaService;
let nextEvaluation = 1;

beforeAll(async () => {
  db = await migratedTestDatabase(path.join(__dirname, '../../prisma/schema'), 'kpipg');
  prisma = new PrismaService({ env: { DATABASE_URL: db.url } } as RuntimeModuleOptions);
  await prisma.$connect();
});
afterAll(async () => {
  await prisma.$disconnect();
  await db.drop();
});

function pgTarget(): ReplayTarget & { ids: Record<'first' | 'second', number> } {
  const ids = { first: nextEvaluation++, second: nextEvaluation++ };
  return { ids, batch: (evaluation, fn) => prisma.$transaction((tx) => fn(new PgEvaluationStore(tx, ids[evaluation])), { timeout: 60_000 }) };
}

describe('PgEvaluationStore = the reference evaluator (property, real PostgreSQL)', () => {
  const seed = propertySeed(20261202, 'engine on PostgreSQL vs reference');

  it('holds for random histories, each batch in its own transaction', async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, async (history) => {
        const target = pgTarget();
        const { archive, rule, evaluation } = await replay(history, target);
        const differences = differencesFromReference(await readEvaluationState(prisma, target.ids[evaluation]), rule, [...archive.events.values()], [...archive.corrections.values()]);
        expect(differences).toEqual([]);
      }),
      { seed, numRuns: 150 },
    );
  });
});

describe('a batch costs the same statements whatever its year holds', () => {
  const event = (i: number, day: number): CandidateEvent => ({
    source: 'tjc/service-network',
    id: `year-${i}`,
    type: 't.activity.v1',
    subject: `act-${i}`,
    time: new Date(Date.UTC(2024, 0, 1 + (day % 360), 2)),
    region: 'tianjin',
    dataversion: '1.0',
    receivedAt: new Date(),
    data: {},
  });
  const item = (e: CandidateEvent) => ({ event: e, dims: testDims(e), judgement: { eligible: true as const, keys: [e.subject] } });

  it('counts the statements and rows of one batch into an empty year and into a year of 5,000 events', async () => {
    const [small, large] = [nextEvaluation++, nextEvaluation++];
    const bulk = Array.from({ length: 5000 }, (_, i) => item(event(i, i)));
    for (let i = 0; i < bulk.length; i += 1000) await prisma.$transaction((tx) => runBatch(new PgEvaluationStore(tx, large), bulk.slice(i, i + 1000)));

    const statements = async (evaluation: number, offset: number) => {
      let count = 0;
      const batch = [item(event(10_000 + offset, 100)), item(event(10_001 + offset, 200)), item({ ...event(7, 0), id: `dup-${offset}` })];
      await prisma.$transaction(async (tx) => {
        const counting = {
          $executeRawUnsafe: (q: string, ...v: unknown[]) => (count++, tx.$executeRawUnsafe(q, ...v)),
          $queryRawUnsafe: <T>(q: string, ...v: unknown[]) => (count++, tx.$queryRawUnsafe<T>(q, ...v)),
        };
        await runBatch(new PgEvaluationStore(counting, evaluation), batch);
      });
      return count;
    };
    const inEmpty = await statements(small, 0);
    const inLarge = await statements(large, 1);
    expect(inLarge).toBe(inEmpty);
    expect(inEmpty).toBeLessThanOrEqual(4); // facts, key locks, makers, the one write
    const total = await prisma.$queryRawUnsafe<{ value: number }[]>(`SELECT value FROM kpi_figure WHERE evaluation_id = $1 AND dimension = 'total'`, large);
    expect(total[0]!.value).toBe(5002); // 5,000 + two new subjects; the third event is a duplicate of act-7
    expect(holderBefore({ time: new Date(1), source: 'a', id: 'x' }, { time: new Date(2), source: 'a', id: 'x' })).toBe(true);
  });
});

describe('a re-judgement that moves a counted event to another region (regionPath), on PostgreSQL', () => {
  const rule: KpiRule = { eventTypes: ['t.activity.v1'], filters: [], counting: { kind: 'count-distinct', key: 'subject' }, regionPath: 'origin.region' };
  const ev = (id: string, day: number, region: string): CandidateEvent => ({
    source: 'tjc/service-network',
    id,
    type: 't.activity.v1',
    subject: 'act-moved',
    time: new Date(Date.UTC(2024, 3, day, 2)),
    region: 'tianjin',
    dataversion: '1.0',
    receivedAt: new Date(),
    data: { origin: { region } },
  });
  const judged = (e: CandidateEvent, data: unknown = e.data): BatchItem => {
    const judgement = judgeEvent(rule, { ...e, data }, undefined);
    return { event: e, dims: judgedDims(testDims(e), judgement), judgement };
  };
  const regions = (figures: ReadonlyMap<string, number>) => [...figures].filter(([k, v]) => k.startsWith('region/') && v !== 0).sort();

  it('moves the unit and the stored holder row, and a takeover counts where the next holder is', async () => {
    const id = nextEvaluation++;
    const run = (items: BatchItem[]) => prisma.$transaction((tx) => runBatch(new PgEvaluationStore(tx, id), items));
    const first = ev('moved-1', 10, 'hebei');
    const second = ev('moved-2', 20, 'beijing');
    await run([judged(first), judged(second)]);
    expect(regions((await readEvaluationState(prisma, id)).figures)).toEqual([['region/hebei', 1]]);
    // Amended to Xiong'an: still the maker, so its unit and its holder row move.
    await run([judged(first, { origin: { region: 'xiongan' } })]);
    const moved = await readEvaluationState(prisma, id);
    expect(regions(moved.figures)).toEqual([['region/xiongan', 1]]);
    expect(moved.holders.get('act-moved')!.map((h) => h.dims.region)).toEqual(['xiongan', 'beijing']);
    // Retracted: the second takes the key over and counts under its own region.
    await run([{ event: first, dims: testDims(first), judgement: { eligible: false, status: 'retracted', reason: 'retracted by tjc/center: 重复' } }]);
    expect(regions((await readEvaluationState(prisma, id)).figures)).toEqual([['region/beijing', 1]]);
  });
});
