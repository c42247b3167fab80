/**
 * The KPI engine: the archive of consumed events, the locks that keep
 * concurrent handlers from losing each other's updates, and the recompute of
 * a (year, KPI)'s lineage and value from the archive with the one evaluator.
 *
 * Locking (transaction-scoped advisory locks, always taken in this order):
 *  1. "engine" shared: every writer; a rebuild's swap takes it exclusively;
 *  2. "event" (source/id of the event, or of a correction's target): orders a
 *     correction against its target, so one of them always sees the other;
 *  3. "year": serialises recomputes of one year, so the last recompute of a
 *     year sees every committed event of it (no lost update).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '../logger';
import { CATALOGUE, EVENTS, isEventType, type EventData, type PlatformEvent } from '@tjc/contracts';
import { appendAudit, RUNTIME_LOGGER } from '@tjc/runtime';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService, type Tx } from '../prisma.service';
import { shanghaiMonth, shanghaiYear } from './business-time';
import { currentDefinitions, definitionFrom, type KpiDefinition, type TargetSetData } from './kpi-definition';
import { evaluateKpi, type CandidateEvent, type CorrectionRecord, type Evaluation, type Fact } from './kpi-evaluator';
import { foldFigures, type FigureRow, type KpiFigures } from './figures';
import { detectRestatements, type ValueChange } from './restatement';

export type Db = PrismaService | Tx;

const LOCK = { engine: 48_101, event: 48_102, year: 48_103 } as const;

export interface Cause {
  readonly source: string;
  readonly id: string;
  readonly type: string;
}

export interface RecomputeResult {
  readonly factVersion: number;
  readonly changes: readonly ValueChange[];
}

export interface Generations {
  readonly active: number;
  readonly building: number | null;
}

export function networkOf(type: string): string {
  return isEventType(type) ? CATALOGUE[type].topic : 'unknown';
}

@Injectable()
export class KpiEngine {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(RUNTIME_LOGGER) private readonly logger: Logger,
  ) {}

  async lockEngineShared(tx: Tx): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${LOCK.engine}::int, 0)`;
  }
  async lockEngineExclusive(tx: Tx): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK.engine}::int, 0)`;
  }
  async lockEvent(tx: Tx, source: string, id: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK.event}::int, hashtext(${`${source}/${id}`}))`;
  }
  async lockYear(tx: Tx, year: number): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK.year}::int, ${year}::int)`;
  }

  /** Stores an event once per source + id; false when it was already archived. */
  async archive(tx: Tx, event: PlatformEvent): Promise<boolean> {
    const target = event.type === EVENTS.eventCorrected ? (event.data as EventData<'center.event.corrected.v1'>).target : undefined;
    const { count } = await tx.eventArchive.createMany({
      data: [
        {
          source: event.source,
          id: event.id,
          type: event.type,
          subject: event.subject,
          time: new Date(event.time),
          timeText: event.time,
          bizYear: shanghaiYear(event.time),
          region: event.region,
          dataversion: event.dataversion,
          data: event.data as Prisma.InputJsonValue,
          targetSource: target?.source ?? null,
          targetId: target?.id ?? null,
        },
      ],
      skipDuplicates: true,
    });
    return count === 1;
  }

  async findArchived(db: Db, source: string, id: string) {
    return db.eventArchive.findUnique({ where: { source_id: { source, id } } });
  }

  /** Every setting of the year's KPIs (optionally only those known by `knownAt`). */
  async definitionSettings(db: Db, year: number, knownAt?: Date): Promise<KpiDefinition[]> {
    const rows = await db.eventArchive.findMany({
      where: { type: EVENTS.kpiTargetSet, data: { path: ['year'], equals: year }, ...(knownAt && { receivedAt: { lte: knownAt } }) },
    });
    return rows.map((r) => definitionFrom(r.data as unknown as TargetSetData, { source: r.source, id: r.id, time: r.time, receivedAt: r.receivedAt }));
  }

  async definitions(db: Db, year: number, knownAt?: Date): Promise<KpiDefinition[]> {
    return currentDefinitions(await this.definitionSettings(db, year, knownAt));
  }

  /** Years that have KPI definitions or archived events, ascending. */
  async knownYears(db: Db): Promise<number[]> {
    const rows = await db.$queryRaw<{ year: number }[]>`
      SELECT DISTINCT biz_year AS year FROM event_archive WHERE type NOT LIKE 'center.%'
      UNION SELECT DISTINCT (data->>'year')::int FROM event_archive WHERE type = ${EVENTS.kpiTargetSet}
      ORDER BY 1`;
    return rows.map((r) => Number(r.year));
  }

  async definedYears(db: Db): Promise<number[]> {
    const rows = await db.$queryRaw<{ year: number }[]>`
      SELECT DISTINCT (data->>'year')::int AS year FROM event_archive WHERE type = ${EVENTS.kpiTargetSet} ORDER BY 1`;
    return rows.map((r) => Number(r.year));
  }

  async candidates(db: Db, year: number, types: readonly string[]): Promise<CandidateEvent[]> {
    if (types.length === 0) return [];
    const rows = await db.eventArchive.findMany({ where: { bizYear: year, type: { in: [...types] } } });
    return rows.map((r) => ({ source: r.source, id: r.id, type: r.type, subject: r.subject, time: r.time, region: r.region, dataversion: r.dataversion, receivedAt: r.receivedAt, data: r.data }));
  }

  /** Corrections aimed at the year's events of these types (accepted or not: the evaluator judges). */
  async corrections(db: Db, year: number, types: readonly string[]): Promise<CorrectionRecord[]> {
    if (types.length === 0) return [];
    const rows = await db.$queryRaw<{ source: string; id: string; time: Date; received_at: Date; data: EventData<'center.event.corrected.v1'> }[]>`
      SELECT c.source, c.id, c.time, c.received_at, c.data
      FROM event_archive c JOIN event_archive e ON e.source = c.target_source AND e.id = c.target_id
      WHERE c.type = ${EVENTS.eventCorrected} AND e.biz_year = ${year}::int AND e.type = ANY(${[...types]}::text[])`;
    return rows.map((r) => toCorrection(r.source, r.id, r.time, r.received_at, r.data));
  }

  async generations(db: Db): Promise<Generations> {
    let state = await db.kpiEngineState.findUnique({ where: { id: 1 } });
    if (!state) {
      await db.kpiEngineState.createMany({ data: [{ id: 1 }], skipDuplicates: true });
      state = await db.kpiEngineState.findUniqueOrThrow({ where: { id: 1 } });
    }
    return { active: state.activeGeneration, building: state.buildingGeneration };
  }

  async yearClosed(db: Db, year: number): Promise<boolean> {
    const state = await db.kpiYearState.findUnique({ where: { year } });
    return state?.closedAt != null;
  }

  async values(db: Db, generation: number, year: number): Promise<Map<string, number>> {
    const rows = await db.kpiValue.findMany({ where: { generation, year } });
    return new Map(rows.map((r) => [r.kpiCode, r.value]));
  }

  /** Evaluates the given KPIs of a year from the archive. */
  async evaluate(db: Db, year: number, definitions: readonly KpiDefinition[]): Promise<Map<string, Evaluation>> {
    const types = [...new Set(definitions.flatMap((d) => d.eventTypes))];
    const [candidates, corrections] = await Promise.all([this.candidates(db, year, types), this.corrections(db, year, types)]);
    return new Map(definitions.map((d) => [d.kpiCode, evaluateKpi(d, candidates, corrections)]));
  }

  /**
   * Recomputes KPIs of one year into every live generation (the active one
   * and, during a rebuild, the one being built), records restatements of a
   * closed year, and bumps the year's fact version. Caller holds the locks.
   */
  async recompute(tx: Tx, year: number, definitions: readonly KpiDefinition[], cause: Cause): Promise<RecomputeResult> {
    const generations = await this.generations(tx);
    const evaluations = await this.evaluate(tx, year, definitions);
    const before = await this.values(tx, generations.active, year);
    for (const generation of [generations.active, ...(generations.building !== null ? [generations.building] : [])]) {
      await this.writeEvaluations(tx, generation, year, evaluations);
    }
    const after = new Map(before);
    for (const [code, evaluation] of evaluations) after.set(code, evaluation.value);
    const changes = await this.recordRestatements(tx, year, before, after, cause);
    const state = await tx.kpiYearState.upsert({
      where: { year },
      create: { year, factVersion: 1 },
      update: { factVersion: { increment: 1 }, version: { increment: 1 } },
    });
    return { factVersion: state.factVersion, changes };
  }

  async recordRestatements(tx: Tx, year: number, before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>, cause: Cause): Promise<ValueChange[]> {
    const changes = detectRestatements(await this.yearClosed(tx, year), before, after);
    for (const change of changes) {
      await tx.kpiRestatement.create({
        data: { year, kpiCode: change.kpiCode, previousValue: change.previousValue, newValue: change.newValue, causeSource: cause.source, causeEventId: cause.id, causeType: cause.type },
      });
      await appendAudit(tx, {
        actor: `event:${cause.source}`,
        action: 'kpi.restated',
        entityType: 'kpi-year',
        entityId: `${year}/${change.kpiCode}`,
        eventId: cause.id,
        detail: { year, kpiCode: change.kpiCode, previousValue: change.previousValue, newValue: change.newValue, causeType: cause.type },
      });
      this.logger.warn({ year, kpiCode: change.kpiCode, previousValue: change.previousValue, newValue: change.newValue, cause }, 'closed year restated');
    }
    return changes;
  }

  /**
   * Brings the stored lineage and values of (generation, year, KPI) to the
   * given evaluations, writing only what differs: facts of events that left
   * the evaluation are deleted, new ones inserted, those whose outcome changed
   * updated in one statement, and a value upserted only when it changed. An
   * event usually changes nothing but its own fact, so a recompute writes O(1)
   * rows instead of rewriting the year's lineage (O(n²) writes per year).
   * Runs in the caller's transaction, under its year lock.
   */
  async writeEvaluations(tx: Tx, generation: number, year: number, evaluations: ReadonlyMap<string, Evaluation>): Promise<void> {
    if (evaluations.size === 0) return;
    const kpiCodes = [...evaluations.keys()];
    // Only the key and the outcome columns: the event columns of a fact come
    // from the archived event, which never changes (amendments replace `data`
    // only, and `data` is not stored in a fact).
    const stored = await tx.kpiFact.findMany({
      where: { generation, year, kpiCode: { in: kpiCodes } },
      select: { id: true, kpiCode: true, eventSource: true, eventId: true, status: true, contribution: true, keys: true, duplicates: true, reason: true, correction: true },
    });
    const storedByCode = new Map<string, Map<string, (typeof stored)[number]>>();
    for (const row of stored) {
      const byEvent = storedByCode.get(row.kpiCode) ?? new Map<string, (typeof stored)[number]>();
      byEvent.set(eventKey(row.eventSource, row.eventId), row);
      storedByCode.set(row.kpiCode, byEvent);
    }

    const inserts: Prisma.KpiFactCreateManyInput[] = [];
    const updates: (StoredOutcome & { readonly id: string })[] = [];
    const deletes: bigint[] = [];
    for (const [kpiCode, evaluation] of evaluations) {
      const byEvent = storedByCode.get(kpiCode) ?? new Map<string, (typeof stored)[number]>();
      for (const f of evaluation.facts) {
        const outcome = outcomeOf(f);
        const key = eventKey(f.event.source, f.event.id);
        const row = byEvent.get(key);
        byEvent.delete(key);
        if (!row) {
          inserts.push({
            generation,
            year,
            kpiCode,
            eventSource: f.event.source,
            eventId: f.event.id,
            type: f.event.type,
            subject: f.event.subject,
            time: f.event.time,
            month: shanghaiMonth(f.event.time),
            network: networkOf(f.event.type),
            region: f.event.region,
            dataversion: f.event.dataversion,
            receivedAt: f.event.receivedAt,
            status: outcome.status,
            contribution: outcome.contribution,
            keys: outcome.keys,
            duplicates: outcome.duplicates,
            reason: outcome.reason,
            // Omitted rather than JSON null: "no correction" is SQL NULL, as it always was.
            ...(outcome.correction && { correction: outcome.correction }),
          });
        } else if (!sameOutcome(row, outcome)) {
          // Ids travel as text: JSON numbers cannot hold every bigint.
          updates.push({ id: row.id.toString(), ...outcome });
        }
      }
      // What is left was stored but is no longer a candidate (e.g. the KPI's event types changed).
      for (const row of byEvent.values()) deletes.push(row.id);
    }

    if (deletes.length > 0) await tx.kpiFact.deleteMany({ where: { id: { in: deletes } } });
    if (updates.length > 0) {
      // One statement however many facts changed (a KPI setting can re-judge every event of the year).
      await tx.$executeRaw`
        UPDATE kpi_fact AS f
        SET status = u.status, contribution = u.contribution, keys = u.keys, duplicates = u.duplicates, reason = u.reason, correction = u.correction
        FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
          AS u(id bigint, status text, contribution int, keys jsonb, duplicates jsonb, reason text, correction jsonb)
        WHERE f.id = u.id AND f.generation = ${generation}::int`;
    }
    if (inserts.length > 0) await tx.kpiFact.createMany({ data: inserts });

    // `computed_at` is therefore when the value last changed (nothing reads it;
    // the API's freshness is the rollups' `rolled_up_at`).
    const storedValues = await tx.kpiValue.findMany({ where: { generation, year, kpiCode: { in: kpiCodes } }, select: { kpiCode: true, value: true } });
    const valueOf = new Map(storedValues.map((v) => [v.kpiCode, v.value]));
    for (const [kpiCode, evaluation] of evaluations) {
      if (valueOf.get(kpiCode) === evaluation.value) continue;
      await tx.kpiValue.upsert({
        where: { generation_year_kpiCode: { generation, year, kpiCode } },
        create: { generation, year, kpiCode, value: evaluation.value },
        update: { value: evaluation.value, computedAt: new Date() },
      });
    }
  }

  /** Figures of a year from the lineage of a generation, counting events up to `cutoff` (business time). */
  async figures(db: Db, generation: number, year: number, cutoff?: Date): Promise<Map<string, KpiFigures>> {
    const rows = await db.kpiFact.groupBy({
      by: ['kpiCode', 'month', 'network', 'region'],
      where: { generation, year, status: 'counted', ...(cutoff && { time: { lte: cutoff } }) },
      _sum: { contribution: true },
    });
    return foldFigures(rows.map((r): FigureRow => ({ kpiCode: r.kpiCode, month: r.month, network: r.network, region: r.region, value: r._sum.contribution ?? 0 })));
  }
}

/**
 * The columns of a fact that can differ between two evaluations of the same
 * event, in the JSON form they are stored in. `duplicates[].madeBy` is here
 * too: a late, earlier-dated event takes a key over, and every later holder
 * of that key then points at it.
 */
interface StoredOutcome {
  readonly status: string;
  readonly contribution: number;
  readonly keys: string[];
  readonly duplicates: { key: string; madeBy: { source: string; id: string } }[];
  readonly reason: string | null;
  readonly correction: { source: string; id: string; correctionId: string; action: string; reason: string } | null;
}

function eventKey(source: string, id: string): string {
  return `${source}\u0000${id}`;
}

function outcomeOf(f: Fact): StoredOutcome {
  const c = f.correction;
  return {
    status: f.status,
    contribution: f.contribution,
    keys: [...f.keys],
    duplicates: f.duplicates.map((d) => ({ key: d.key, madeBy: { source: d.madeBy.source, id: d.madeBy.id } })),
    reason: f.reason ?? null,
    correction: c ? { source: c.source, id: c.id, correctionId: c.correctionId, action: c.action, reason: c.reason } : null,
  };
}

function sameOutcome(row: { status: string; contribution: number; keys: unknown; duplicates: unknown; reason: string | null; correction: unknown }, outcome: StoredOutcome): boolean {
  return (
    row.status === outcome.status &&
    row.contribution === outcome.contribution &&
    row.reason === outcome.reason &&
    sameJson(row.keys, outcome.keys) &&
    sameJson(row.duplicates, outcome.duplicates) &&
    sameJson(row.correction, outcome.correction)
  );
}

/**
 * Structural equality of JSON values. Object keys are compared as a set:
 * jsonb does not keep the order they were written in. Array order matters
 * (the lineage shows keys in the order the event made them).
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x).filter((k) => x[k] !== undefined);
  return keys.length === Object.keys(y).filter((k) => y[k] !== undefined).length && keys.every((k) => Object.hasOwn(y, k) && sameJson(x[k], y[k]));
}

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
