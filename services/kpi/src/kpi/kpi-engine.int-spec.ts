/**
 * The write path of a recompute, on a real PostgreSQL: ingesting one event
 * into a year of N counted events writes O(1) lineage rows (the delete-all
 * version rewrote all N + 1), leaves the other rows physically untouched, and
 * still lands exactly what a from-scratch write of the same evaluation lands.
 * Real: PostgreSQL (a migrated clone). Kafka and Redis are not involved: the
 * engine is called as the ingest handler calls it, one transaction per event.
 */
import path from 'node:path';
import type { PlatformEvent } from '@tjc/contracts';
import { createLogger, type RuntimeModuleOptions } from '@tjc/runtime';
import { migratedTestDatabase } from '@tjc/service-testing';
import type { TestDatabase } from '@tjc/testing';
import { PrismaService } from '../prisma.service';
import { activity, correction } from '../testing/kpi-harness';
import type { KpiDefinition } from './kpi-definition';
import { KpiEngine } from './kpi-engine.service';

const YEAR = 2024;
const N = 40;

const definition = (eventTypes: readonly string[]): KpiDefinition => ({
  year: YEAR,
  kpiCode: 'events',
  label: { zh: '活动', en: 'Events' },
  unit: { zh: '场', en: 'events' },
  target: 10,
  sortOrder: null,
  eventTypes,
  filters: [],
  counting: { kind: 'count-distinct', key: 'subject' },
  setBy: { source: 'tjc/center', id: 'kpi-setting-1' },
  setAt: new Date('2024-01-01T00:00:00+08:00'),
  receivedAt: new Date('2024-01-01T00:00:00+08:00'),
});
const EVENTS_KPI = definition(['service.activity.held.v1']);

/** What a recompute did to the lineage, seen from the rows' physical identity (ctid, xmin). */
interface Writes {
  readonly inserted: number;
  /** Rows updated, or deleted and inserted again (the delete-all version rewrote every row). */
  readonly rewritten: number;
  readonly deleted: number;
}
interface Row {
  readonly eventId: string;
  readonly ctid: string;
  readonly xmin: string;
  readonly status: string;
  readonly duplicates: unknown;
}

let db: TestDatabase;
let prisma: PrismaService;
let engine: KpiEngine;

beforeAll(async () => {
  db = await migratedTestDatabase(path.join(__dirname, '../../prisma/schema'), 'kpiw');
  // PrismaService reads nothing but DATABASE_URL from the runtime options.
  prisma = new PrismaService({ env: { DATABASE_URL: db.url } } as RuntimeModuleOptions);
  engine = new KpiEngine(prisma, createLogger('kpi-engine-int', 'silent'));
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

/**
 * Every fact row of the live lineage with its physical identity: a row no
 * statement touched keeps its ctid and xmin. (PostgreSQL's per-transaction
 * counters, pg_stat_xact_user_tables, are no use here: since PostgreSQL 15
 * they include earlier transactions of the pooled connection not yet flushed.)
 */
async function rows(): Promise<Map<string, Row>> {
  const found = await prisma.$queryRaw<Row[]>`
    SELECT event_id AS "eventId", ctid::text AS ctid, xmin::text AS xmin, status, duplicates
    FROM kpi_fact WHERE generation = 1 AND year = ${YEAR}::int AND kpi_code = 'events'`;
  return new Map(found.map((r) => [r.eventId, r]));
}

/** The physical identity of the value row (null when there is none). */
async function valueRow(): Promise<string | null> {
  const [row] = await prisma.$queryRaw<{ id: string }[]>`
    SELECT ctid::text || '/' || xmin::text AS id FROM kpi_value WHERE generation = 1 AND year = ${YEAR}::int AND kpi_code = 'events'`;
  return row?.id ?? null;
}

function writes(before: ReadonlyMap<string, Row>, after: ReadonlyMap<string, Row>): Writes {
  let inserted = 0;
  let rewritten = 0;
  for (const [eventId, row] of after) {
    const old = before.get(eventId);
    if (!old) inserted += 1;
    else if (old.ctid !== row.ctid || old.xmin !== row.xmin) rewritten += 1;
  }
  return { inserted, rewritten, deleted: [...before.keys()].filter((eventId) => !after.has(eventId)).length };
}

/** Archives and recomputes one event the way the ingest handler does, in one transaction; returns what it wrote. */
async function ingest(event: PlatformEvent, definitions: readonly KpiDefinition[] = [EVENTS_KPI]): Promise<{ facts: Writes; valueWritten: boolean }> {
  const [factsBefore, valueBefore] = [await rows(), await valueRow()];
  await prisma.$transaction(async (tx) => {
    await engine.lockYear(tx, YEAR);
    await engine.archive(tx, event);
    await engine.recompute(tx, YEAR, definitions, { source: event.source, id: event.id, type: event.type });
  });
  return { facts: writes(factsBefore, await rows()), valueWritten: (await valueRow()) !== valueBefore };
}

/** The lineage of a generation as the API sees it (every stored column but the row id and generation). */
async function lineageOf(generation: number) {
  const found = await prisma.kpiFact.findMany({ where: { generation, year: YEAR, kpiCode: 'events' }, orderBy: [{ eventSource: 'asc' }, { eventId: 'asc' }] });
  return found.map(({ id: _id, generation: _generation, ...rest }) => rest);
}

const value = async () => (await prisma.kpiValue.findUniqueOrThrow({ where: { generation_year_kpiCode: { generation: 1, year: YEAR, kpiCode: 'events' } } })).value;

const day = (i: number) => new Date(Date.UTC(YEAR, 1, 1) + i * 86_400_000).toISOString().slice(0, 10);
const seeded = Array.from({ length: N }, (_, i) => activity(`act-w-${String(i).padStart(3, '0')}`, { time: `${day(i)}T10:00:00+08:00` }));
const maker = seeded[10]!;
const laterDuplicate = activity(maker.subject, { time: '2024-11-20T10:00:00+08:00' });

describe('recompute writes only what changed', () => {
  it('builds a year of N counted events and one duplicate', async () => {
    for (const event of [...seeded, laterDuplicate]) await ingest(event);
    expect(await value()).toBe(N);
    const stored = await rows();
    expect(stored.size).toBe(N + 1);
    expect(stored.get(laterDuplicate.id)).toMatchObject({ status: 'duplicate', duplicates: [{ key: maker.subject, madeBy: { source: maker.source, id: maker.id } }] });
  });

  it('ingesting one new counted event inserts one fact, rewrites none, and updates the value once', async () => {
    const next = activity('act-w-new', { time: '2024-12-01T10:00:00+08:00' });

    const written = await ingest(next);

    expect(written).toEqual({ facts: { inserted: 1, rewritten: 0, deleted: 0 }, valueWritten: true });
    const after = await rows();
    expect(after.size).toBe(N + 2);
    expect(after.get(next.id)).toMatchObject({ status: 'counted' });
    expect(await value()).toBe(N + 1);
  });

  it('a retraction rewrites only its target fact', async () => {
    const target = seeded[20]!;
    const written = await ingest(correction(target, { time: '2024-12-05T10:00:00+08:00' }));
    expect(written).toEqual({ facts: { inserted: 0, rewritten: 1, deleted: 0 }, valueWritten: true });
    expect((await rows()).get(target.id)).toMatchObject({ status: 'retracted' });
    expect(await value()).toBe(N);
  });

  it('recomputing an unchanged year writes nothing (stored jsonb compares equal to the evaluation)', async () => {
    // Re-delivery: the handler would stop at the archive; the recompute itself must also find nothing to write.
    const written = await ingest(seeded[0]!);
    expect(written).toEqual({ facts: { inserted: 0, rewritten: 0, deleted: 0 }, valueWritten: false });
  });

  it('a late, earlier-dated duplicate takes the key over: only the facts that point at the maker change', async () => {
    const before = await rows();
    const earlier = activity(maker.subject, { time: '2024-01-05T10:00:00+08:00' });
    const value0 = await value();

    const written = await ingest(earlier);

    // The new fact; the old maker (now a duplicate) and the later duplicate (now made by the new one).
    // Same number of distinct activities: the value row is left alone.
    expect(written).toEqual({ facts: { inserted: 1, rewritten: 2, deleted: 0 }, valueWritten: false });
    expect(await value()).toBe(value0);

    const after = await rows();
    const madeByEarlier = [{ key: maker.subject, madeBy: { source: earlier.source, id: earlier.id } }];
    expect(after.get(earlier.id)).toMatchObject({ status: 'counted', duplicates: [] });
    expect(after.get(maker.id)).toMatchObject({ status: 'duplicate', duplicates: madeByEarlier });
    expect(after.get(laterDuplicate.id)).toMatchObject({ status: 'duplicate', duplicates: madeByEarlier });
    const changed = [...before].filter(([eventId, row]) => after.get(eventId)?.xmin !== row.xmin || after.get(eventId)?.ctid !== row.ctid).map(([eventId]) => eventId);
    expect(changed.sort()).toEqual([maker.id, laterDuplicate.id].sort());
  });

  it('the incrementally written lineage equals a from-scratch write of the same evaluation', async () => {
    await prisma.$transaction(async (tx) => {
      await engine.writeEvaluations(tx, 2, YEAR, await engine.evaluate(tx, YEAR, [EVENTS_KPI]));
    });
    expect(await lineageOf(1)).toEqual(await lineageOf(2));
    expect((await lineageOf(1)).length).toBe(N + 3);
    const values = await prisma.kpiValue.findMany({ where: { year: YEAR, kpiCode: 'events' }, orderBy: { generation: 'asc' } });
    expect(values.map((v) => [v.generation, v.value])).toEqual([
      [1, N],
      [2, N],
    ]);
  });

  it('facts of events that are no longer candidates are deleted', async () => {
    // The KPI now counts another event type: none of the year's activities is a candidate any more.
    const written = await ingest(activity('act-w-gone', { time: '2024-12-02T10:00:00+08:00' }), [definition(['service.training.completed.v1'])]);
    expect(written).toEqual({ facts: { inserted: 0, rewritten: 0, deleted: N + 3 }, valueWritten: true });
    expect((await rows()).size).toBe(0);
    expect(await value()).toBe(0);
  });
});
