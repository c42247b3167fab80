/**
 * The KPI engine (ADR 0011): the archive of consumed events, the evaluations
 * of every (year, KPI), and ingesting a batch of events into them in the
 * consumer's transaction, each event touching only the keys it carries.
 *
 * Locks (transaction-scoped advisory locks, always taken in this order):
 *  1. engine, shared: every writer; swapping built evaluations in takes it
 *     exclusively, so no batch is half-applied to an evaluation being replaced;
 *  2. events (source/id of each event, or of a correction's target), in one
 *     sorted sweep: a correction and its target never miss each other;
 *  3. a (year, KPI)'s definition, when a KPI setting arrives;
 *  4. keys of an evaluation (pg-store.ts), in one sorted sweep per evaluation.
 * There is no lock per year: batches of one year run in parallel unless they
 * share keys.
 */
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CATALOGUE, EVENTS, isEventType, SOURCES, type EventData, type PlatformEvent } from '@tjc/contracts';
import { appendAudit, canonicalJson, RUNTIME_LOGGER, type SqlExecutor } from '@tjc/runtime';
import type { Logger } from '../logger';
import { PrismaService, type Tx } from '../prisma.service';
import { shanghaiMonth, shanghaiYear } from '../kpi/business-time';
import { currentDefinitions, definitionFrom, type KpiDefinition, type TargetSetData } from '../kpi/kpi-definition';
import type { CandidateEvent, CorrectionRecord, KpiRule } from '../kpi/kpi-evaluator';
import { emptyFigures, type KpiFigures } from '../kpi/figures';
import { itemsFor, type Arrival, type ArchiveView } from './arrivals';
import { runBatch } from './evaluation-store';
import { refOf, type Change, type Dims } from './incremental';
import { PgEvaluationStore } from './pg-store';

export type Db = SqlExecutor;

const LOCK = { engine: 48_101, event: 48_102, definition: 48_106 } as const;

export function networkOf(type: string): string {
  return isEventType(type) ? CATALOGUE[type].topic : 'unknown';
}

/**
 * Where a fact counts in the figures. A partner's event is of its source's
 * region whatever its envelope says (the gateway refuses a mismatch; this
 * holds for anything archived before it did): a Hebei partner cannot count
 * its facts as Tianjin's.
 */
export const dimsOf = (e: Pick<CandidateEvent, 'time' | 'type' | 'region' | 'source'>): Dims => {
  const source = SOURCES[e.source as keyof typeof SOURCES] as { kind: string; region: string } | undefined;
  return { month: shanghaiMonth(e.time), network: networkOf(e.type), region: source?.kind === 'partner' ? source.region : e.region };
};


/** The part of a definition an evaluation depends on: a change here means counting again; a new target or label does not. */
export function ruleOf(d: KpiRule): KpiRule {
  // regionPath only when set: every rule stated before it existed keeps its hash (and its evaluation).
  return { eventTypes: [...new Set(d.eventTypes)].sort(), filters: d.filters, counting: d.counting, ...(d.regionPath !== undefined && { regionPath: d.regionPath }) };
}
export const ruleHash = (d: KpiRule): string => createHash('sha256').update(canonicalJson(ruleOf(d))).digest('hex').slice(0, 32);

export interface EvaluationRow {
  readonly id: number;
  readonly year: number;
  readonly kpiCode: string;
  readonly rule: KpiRule;
  readonly ruleHash: string;
  readonly status: 'building' | 'active' | 'retired';
  readonly processed: number;
  readonly total: number;
}

interface ArchiveRow {
  source: string;
  id: string;
  type: string;
  subject: string;
  time: Date;
  region: string;
  dataversion: string;
  received_at: Date;
  data: unknown;
  biz_year: number;
  target_source: string | null;
  target_id: string | null;
}

export const candidateOf = (r: Pick<ArchiveRow, 'source' | 'id' | 'type' | 'subject' | 'time' | 'region' | 'dataversion' | 'received_at' | 'data'>): CandidateEvent => ({
  source: r.source,
  id: r.id,
  type: r.type,
  subject: r.subject,
  time: r.time,
  region: r.region,
  dataversion: r.dataversion,
  receivedAt: r.received_at,
  data: r.data,
});

export function toCorrection(source: string, id: string, time: Date, receivedAt: Date, data: EventData<'center.event.corrected.v1'>): CorrectionRecord {
  return {
    source,
    id,
    time,
    receivedAt,
    correctionId: data.correctionId,
    target: data.target,
    action: data.action,
    reason: data.reason,
    ...(data.replacement !== undefined && { replacement: data.replacement }),
  };
}

/** What one ingested batch changed: the years whose figures moved, and evaluations created for new counting rules. */
export interface IngestOutcome {
  readonly changedYears: ReadonlySet<number>;
  readonly newEvaluations: readonly number[];
}

@Injectable()
export class KpiEngine {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(RUNTIME_LOGGER) private readonly logger: Logger,
  ) {}

  async lockEngineShared(tx: Db): Promise<void> {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock_shared(${LOCK.engine}, 0)`);
  }
  async lockEngineExclusive(tx: Db): Promise<void> {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCK.engine}, 0)`);
  }

  /** Ingests events (in their consumed order) in the caller's transaction; the runtime's inbox has claimed them. */
  async ingest(tx: Tx, events: readonly PlatformEvent[]): Promise<IngestOutcome> {
    const none: IngestOutcome = { changedYears: new Set(), newEvaluations: [] };
    if (events.length === 0) return none;
    await this.lockEngineShared(tx);
    const corrected = (e: PlatformEvent) => (e.type === EVENTS.eventCorrected ? (e.data as EventData<'center.event.corrected.v1'>) : undefined);
    await this.lockEvents(
      tx,
      events.map((e) => corrected(e)?.target ?? e),
    );
    const fresh = await this.archive(tx, events);

    const arrivals: Arrival[] = [];
    const settings = new Map<string, { year: number; kpiCode: string }>();
    for (const e of events) {
      const receivedAt = fresh.get(refOf(e));
      if (!receivedAt) continue;
      const correction = corrected(e);
      if (e.type === EVENTS.kpiTargetSet) {
        const d = e.data as TargetSetData;
        settings.set(`${d.year}/${d.kpiCode}`, { year: d.year, kpiCode: d.kpiCode });
      } else if (correction) arrivals.push({ kind: 'correction', correction: toCorrection(e.source, e.id, new Date(e.time), receivedAt, correction) });
      else if (!e.type.startsWith('center.')) {
        arrivals.push({
          kind: 'event',
          event: { source: e.source, id: e.id, type: e.type, subject: e.subject, time: new Date(e.time), region: e.region, dataversion: e.dataversion, receivedAt, data: e.data },
        });
      }
    }
    const newEvaluations: number[] = [];
    for (const s of settings.values()) {
      const created = await this.reconcileDefinition(tx, s.year, s.kpiCode);
      if (created !== undefined) newEvaluations.push(created);
    }
    if (arrivals.length === 0) return { changedYears: new Set(), newEvaluations };

    // Targets of the corrections, from the archive (or from this batch).
    const freshEvents = new Map<string, { event: CandidateEvent; year: number }>();
    for (const a of arrivals) if (a.kind === 'event') freshEvents.set(refOf(a.event), { event: a.event, year: shanghaiYear(a.event.time) });
    const targets = await this.archivedEvents(
      tx,
      arrivals.flatMap((a) => (a.kind === 'correction' && !freshEvents.has(refOf(a.correction.target)) ? [a.correction.target] : [])),
    );
    const lookup = (source: string, id: string) => freshEvents.get(refOf({ source, id })) ?? targets.get(refOf({ source, id }));
    const yearOf = (a: Arrival) => (a.kind === 'event' ? shanghaiYear(a.event.time) : lookup(a.correction.target.source, a.correction.target.id)?.year);
    const years = new Set(arrivals.map(yearOf).filter((y): y is number => y !== undefined));
    const evaluations = (await this.evaluations(tx, { years: [...years], status: 'active' })).filter((x) => arrivals.some((a) => yearOf(a) === x.year));
    if (evaluations.length === 0) return { changedYears: new Set(), newEvaluations };

    const involved = [...freshEvents.values(), ...targets.values()].map((x) => x.event);
    const correctionsOf = await this.correctionsOf(tx, involved);
    const view: ArchiveView = {
      event: (source, id) => lookup(source, id)?.event,
      correctionsOf: (source, id) => correctionsOf.get(refOf({ source, id })) ?? [],
    };
    const closed = await this.closedYears(tx, [...years]);
    const changedYears = new Set<number>();
    for (const x of evaluations) {
      const items = itemsFor(
        x.rule,
        arrivals.filter((a) => yearOf(a) === x.year),
        view,
        dimsOf,
      );
      if (items.length === 0) continue;
      const before = closed.has(x.year) ? await this.total(tx, x.id) : 0;
      const change = await runBatch(new PgEvaluationStore(tx, x.id), items);
      if (change.figureDeltas.size > 0) changedYears.add(x.year);
      if (closed.has(x.year)) await this.recordRestatements(tx, x, before, change, items.map((i) => i.event));
    }
    return { changedYears, newEvaluations };
  }

  /** Event locks, in one sorted sweep (the same lock ids as before batches: source/id hashed). */
  private async lockEvents(tx: Db, refs: readonly { source: string; id: string }[]): Promise<void> {
    await tx.$executeRawUnsafe(
      `SELECT pg_advisory_xact_lock(${LOCK.event}, h) FROM (SELECT DISTINCT hashtext(r) AS h FROM unnest($1::text[]) AS r ORDER BY h OFFSET 0) s`,
      [...new Set(refs.map((r) => `${r.source}/${r.id}`))],
    );
  }

  /**
   * Stores events once per source + id; returns the newly archived ones with
   * their arrival time. `time` is kept to the millisecond (the exact text is
   * in time_text): the engine orders events by it in JavaScript and in SQL,
   * and both must agree.
   */
  async archive(tx: Db, events: readonly PlatformEvent[]): Promise<Map<string, Date>> {
    const rows = events.map((event) => {
      const target = event.type === EVENTS.eventCorrected ? (event.data as EventData<'center.event.corrected.v1'>).target : undefined;
      return {
        source: event.source,
        id: event.id,
        type: event.type,
        subject: event.subject,
        time: event.time,
        time_text: event.time,
        biz_year: shanghaiYear(event.time),
        region: event.region,
        dataversion: event.dataversion,
        data: event.data,
        target_source: target?.source ?? null,
        target_id: target?.id ?? null,
      };
    });
    const inserted = await tx.$queryRawUnsafe<{ source: string; id: string; received_at: Date }[]>(
      `INSERT INTO event_archive (source, id, type, subject, time, time_text, biz_year, region, dataversion, data, target_source, target_id)
       SELECT r.source, r.id, r.type, r.subject, date_trunc('milliseconds', r.time), r.time_text, r.biz_year, r.region, r.dataversion, r.data, r.target_source, r.target_id
         FROM jsonb_to_recordset($1::jsonb) AS r(source text, id text, type text, subject text, time timestamptz, time_text text, biz_year int,
              region text, dataversion text, data jsonb, target_source text, target_id text)
       ON CONFLICT (source, id) DO NOTHING
       RETURNING source, id, received_at`,
      JSON.stringify(rows),
    );
    return new Map(inserted.map((r) => [refOf(r), r.received_at]));
  }

  async findArchived(db: Db, source: string, id: string): Promise<(CandidateEvent & { year: number }) | undefined> {
    const found = await this.archivedEvents(db, [{ source, id }]);
    const hit = found.get(refOf({ source, id }));
    return hit && { ...hit.event, year: hit.year };
  }

  private async archivedEvents(db: Db, refs: readonly { source: string; id: string }[]): Promise<Map<string, { event: CandidateEvent; year: number }>> {
    if (refs.length === 0) return new Map();
    const rows = await db.$queryRawUnsafe<ArchiveRow[]>(
      `SELECT a.source, a.id, a.type, a.subject, a.time, a.region, a.dataversion, a.received_at, a.data, a.biz_year
         FROM event_archive a JOIN jsonb_to_recordset($1::jsonb) AS r(source text, id text) ON a.source = r.source AND a.id = r.id`,
      JSON.stringify(refs.map((r) => ({ source: r.source, id: r.id }))),
    );
    return new Map(rows.map((r) => [refOf(r), { event: candidateOf(r), year: r.biz_year }]));
  }

  /** Every archived correction aimed at these events, by target. */
  async correctionsOf(db: Db, events: readonly { source: string; id: string }[]): Promise<Map<string, CorrectionRecord[]>> {
    const out = new Map<string, CorrectionRecord[]>();
    if (events.length === 0) return out;
    const rows = await db.$queryRawUnsafe<{ source: string; id: string; time: Date; received_at: Date; data: EventData<'center.event.corrected.v1'> }[]>(
      `SELECT c.source, c.id, c.time, c.received_at, c.data FROM event_archive c
         JOIN jsonb_to_recordset($2::jsonb) AS r(source text, id text) ON c.target_source = r.source AND c.target_id = r.id
        WHERE c.type = $1`,
      EVENTS.eventCorrected,
      JSON.stringify(events.map((e) => ({ source: e.source, id: e.id }))),
    );
    for (const r of rows) {
      const c = toCorrection(r.source, r.id, r.time, r.received_at, r.data);
      const k = refOf(c.target);
      out.set(k, [...(out.get(k) ?? []), c]);
    }
    return out;
  }

  // ---------------------------------------------------------------- definitions and evaluations

  /** Every setting of the year's KPIs (optionally only those known by `knownAt`). */
  async definitionSettings(db: Db, year: number, knownAt?: Date): Promise<KpiDefinition[]> {
    const rows = await db.$queryRawUnsafe<{ source: string; id: string; time: Date; received_at: Date; data: TargetSetData }[]>(
      `SELECT source, id, time, received_at, data FROM event_archive
        WHERE type = $1 AND (data->>'year')::int = $2 AND ($3::timestamptz IS NULL OR received_at <= $3::timestamptz)`,
      EVENTS.kpiTargetSet,
      year,
      knownAt ?? null,
    );
    return rows.map((r) => definitionFrom(r.data, { source: r.source, id: r.id, time: r.time, receivedAt: r.received_at }));
  }

  async definitions(db: Db, year: number, knownAt?: Date): Promise<KpiDefinition[]> {
    return currentDefinitions(await this.definitionSettings(db, year, knownAt));
  }

  /** Years that have KPI definitions or archived events, ascending. */
  async knownYears(db: Db): Promise<number[]> {
    const rows = await db.$queryRawUnsafe<{ year: number }[]>(
      `SELECT DISTINCT biz_year AS year FROM event_archive WHERE type NOT LIKE 'center.%'
       UNION SELECT DISTINCT (data->>'year')::int FROM event_archive WHERE type = $1 ORDER BY 1`,
      EVENTS.kpiTargetSet,
    );
    return rows.map((r) => Number(r.year));
  }

  async definedYears(db: Db): Promise<number[]> {
    const rows = await db.$queryRawUnsafe<{ year: number }[]>(`SELECT DISTINCT (data->>'year')::int AS year FROM event_archive WHERE type = $1 ORDER BY 1`, EVENTS.kpiTargetSet);
    return rows.map((r) => Number(r.year));
  }

  async evaluations(db: Db, where: { years?: readonly number[]; status?: EvaluationRow['status']; ids?: readonly number[] }): Promise<EvaluationRow[]> {
    const rows = await db.$queryRawUnsafe<{ id: number; year: number; kpi_code: string; rule: KpiRule; rule_hash: string; status: EvaluationRow['status']; processed: number; total: number }[]>(
      `SELECT id, year, kpi_code, rule, rule_hash, status, processed, total FROM kpi_evaluation
        WHERE ($1::int[] IS NULL OR year = ANY($1::int[])) AND ($2::text IS NULL OR status = $2) AND ($3::int[] IS NULL OR id = ANY($3::int[]))
        ORDER BY year, kpi_code, id`,
      where.years ? [...where.years] : null,
      where.status ?? null,
      where.ids ? [...where.ids] : null,
    );
    return rows.map((r) => ({ id: r.id, year: r.year, kpiCode: r.kpi_code, rule: r.rule, ruleHash: r.rule_hash, status: r.status, processed: r.processed, total: r.total }));
  }

  /**
   * Makes the evaluations of a (year, KPI) follow its definition in force: a
   * new counting rule gets a building evaluation (the builder fills it from
   * the archive and swaps it in), and building ones for a rule no longer in
   * force are retired. A new target or label changes nothing here. Returns
   * the id of an evaluation it created.
   */
  async reconcileDefinition(tx: Db, year: number, kpiCode: string, rebuildId?: string): Promise<number | undefined> {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCK.definition}, hashtext($1))`, `${year}/${kpiCode}`);
    const definition = (await this.definitions(tx, year)).find((d) => d.kpiCode === kpiCode);
    if (!definition) return undefined;
    const hash = ruleHash(definition);
    const live = (await this.evaluations(tx, { years: [year] })).filter((x) => x.kpiCode === kpiCode && x.status !== 'retired');
    const stale = live.filter((x) => x.status === 'building' && (x.ruleHash !== hash || rebuildId !== undefined));
    if (stale.length) await tx.$executeRawUnsafe(`UPDATE kpi_evaluation SET status = 'retired', error = 'superseded before it was built' WHERE id = ANY($1::int[])`, stale.map((x) => x.id));
    if (rebuildId === undefined && live.some((x) => x.ruleHash === hash && !stale.includes(x))) return undefined;
    const [row] = await tx.$queryRawUnsafe<{ id: number }[]>(
      `INSERT INTO kpi_evaluation (year, kpi_code, rule_hash, rule, status, rebuild_id) VALUES ($1, $2, $3, $4::jsonb, 'building', $5::uuid) RETURNING id`,
      year,
      kpiCode,
      hash,
      JSON.stringify(ruleOf(definition)),
      rebuildId ?? null,
    );
    this.logger.info({ year, kpiCode, evaluation: row!.id, rebuildId }, 'counting rule to evaluate: a new evaluation will be built from the archive');
    return row!.id;
  }

  private async closedYears(db: Db, years: readonly number[]): Promise<Set<number>> {
    if (years.length === 0) return new Set();
    const rows = await db.$queryRawUnsafe<{ year: number }[]>(`SELECT year FROM kpi_year_state WHERE year = ANY($1::int[]) AND closed_at IS NOT NULL`, [...years]);
    return new Set(rows.map((r) => r.year));
  }

  async yearClosed(db: Db, year: number): Promise<boolean> {
    return (await this.closedYears(db, [year])).has(year);
  }

  async total(db: Db, evaluationId: number): Promise<number> {
    const rows = await db.$queryRawUnsafe<{ value: number }[]>(`SELECT value FROM kpi_figure WHERE evaluation_id = $1 AND dimension = 'total'`, evaluationId);
    return rows[0]?.value ?? 0;
  }

  /** Restatements of a closed year, one per event that changed the value, in batch order. */
  private async recordRestatements(tx: Db, x: EvaluationRow, before: number, change: Change, events: readonly CandidateEvent[]): Promise<void> {
    const byRef = new Map(events.map((e) => [refOf(e), e]));
    let value = before;
    for (const { ref, delta } of change.totalDeltaByEvent) {
      if (delta === 0) continue;
      const cause = byRef.get(ref)!;
      await this.restate(tx, x.year, x.kpiCode, value, value + delta, { source: cause.source, id: cause.id, type: cause.type });
      value += delta;
    }
  }

  async restate(tx: Db, year: number, kpiCode: string, previousValue: number, newValue: number, cause: { source: string; id: string; type: string }): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO kpi_restatement (year, kpi_code, previous_value, new_value, cause_source, cause_event_id, cause_type) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      year,
      kpiCode,
      previousValue,
      newValue,
      cause.source,
      cause.id,
      cause.type,
    );
    await appendAudit(tx, {
      actor: `event:${cause.source}`,
      action: 'kpi.restated',
      entityType: 'kpi-year',
      entityId: `${year}/${kpiCode}`,
      eventId: cause.id,
      detail: { year, kpiCode, previousValue, newValue, causeType: cause.type },
    });
    this.logger.warn({ year, kpiCode, previousValue, newValue, cause }, 'closed year restated');
  }

  // ---------------------------------------------------------------- figures

  /** The active evaluation of each KPI of a year, by KPI code. */
  async activeByCode(db: Db, year: number): Promise<Map<string, EvaluationRow>> {
    return new Map((await this.evaluations(db, { years: [year], status: 'active' })).map((x) => [x.kpiCode, x]));
  }

  /** Evaluations of a year still being built (a new counting rule, a rebuild), by KPI code. */
  async buildingByCode(db: Db, year: number): Promise<Map<string, EvaluationRow>> {
    return new Map((await this.evaluations(db, { years: [year], status: 'building' })).map((x) => [x.kpiCode, x]));
  }

  /**
   * Figures of a year's KPIs from their active evaluations: the maintained
   * figures, or with `cutoff`, the lineage's contributions of events up to
   * that business time.
   */
  async figures(db: Db, year: number, cutoff?: Date): Promise<Map<string, KpiFigures>> {
    const active = await this.activeByCode(db, year);
    const codeOf = new Map([...active.values()].map((x) => [x.id, x.kpiCode]));
    const out = new Map<string, KpiFigures>();
    if (active.size === 0) return out;
    const ids = [...codeOf.keys()];
    const rows =
      cutoff === undefined
        ? await db.$queryRawUnsafe<{ evaluation_id: number; dimension: string; key: string; value: number }[]>(
            `SELECT evaluation_id, dimension, key, value FROM kpi_figure WHERE evaluation_id = ANY($1::int[])`,
            ids,
          )
        : await db.$queryRawUnsafe<{ evaluation_id: number; dimension: string; key: string; value: number }[]>(
            `SELECT evaluation_id, d.dimension, d.key, sum(contribution)::int AS value
               FROM kpi_fact f, LATERAL (VALUES ('total', 'total'), ('month', lpad(f.month::text, 2, '0')), ('network', f.network), ('region', f.region)) AS d(dimension, key)
              WHERE evaluation_id = ANY($1::int[]) AND time <= $2 AND contribution > 0
              GROUP BY evaluation_id, d.dimension, d.key`,
            ids,
            cutoff,
          );
    for (const r of rows) {
      const code = codeOf.get(r.evaluation_id)!;
      const f = out.get(code) ?? emptyFigures();
      if (r.dimension === 'total') f.total = r.value;
      else if (r.dimension === 'month' || r.dimension === 'network' || r.dimension === 'region') f[r.dimension][r.key] = r.value;
      out.set(code, f);
    }
    for (const f of out.values()) for (const d of ['month', 'network', 'region'] as const) for (const [k, v] of Object.entries(f[d])) if (v === 0) delete f[d][k];
    return out;
  }

  /** When the year's figures last changed, and a counter of changes (the API's freshness). */
  async freshness(db: Db, year: number): Promise<{ version: number; computedAt: string | null }> {
    const rows = await db.$queryRawUnsafe<{ version: number | null; at: Date | null }[]>(
      `SELECT sum(f.version)::int AS version, max(f.updated_at) AS at FROM kpi_figure f JOIN kpi_evaluation x ON x.id = f.evaluation_id
        WHERE x.year = $1 AND x.status = 'active' AND f.dimension = 'total'`,
      year,
    );
    return { version: rows[0]?.version ?? 0, computedAt: rows[0]?.at?.toISOString() ?? null };
  }
}
