/**
 * Builds evaluations from the archive and swaps them in (ADR 0011): a new
 * counting rule, a KPI defined after its events arrived, a rebuild of all
 * read models, and every definition at start-up when its evaluation is
 * missing (after the migration that introduced evaluations, or a lost one).
 *
 * For each building evaluation, without stopping the live consumer:
 *  1. scan: in one REPEATABLE READ read-only transaction, every candidate of
 *     the (year, KPI) in business-time order through a cursor, judged with
 *     the corrections of the same snapshot, fed to the SortedBuilder in
 *     chunks and written chunk by chunk (memory: the year's keys, never its
 *     events); the snapshot is kept;
 *  2. catch up: what the archive holds that was not visible in the kept
 *     snapshot (events and corrections that arrived meanwhile, by the
 *     archiving transaction's id), applied like live events, round after
 *     round, each with a newer snapshot;
 *  3. swap: under the engine's exclusive lock (the live consumer waits a
 *     moment), a last catch-up, restatements of a closed year whose value
 *     changed, the new evaluation active and the old one retired; a rebuild
 *     swaps all its evaluations in one transaction.
 * Retired evaluations' rows are then deleted. Work is claimed with a session
 * advisory lock, so several instances never build the same evaluation.
 */
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import { EVENTS, type EventData } from '@tjc/contracts';
import { RUNTIME_LOGGER, RUNTIME_OPTIONS, type RuntimeModuleOptions, type SqlExecutor } from '@tjc/runtime';
import type { Logger } from '../logger';
import { PrismaService } from '../prisma.service';
import { KPI_CONFIG, type KpiServiceConfig } from '../config';
import { KpiCache } from '../kpi/kpi-cache.service';
import { effectiveCorrection, judgeEvent, type CorrectionRecord } from '../kpi/kpi-evaluator';
import { itemsFor, type Arrival } from './arrivals';
import { SortedBuilder } from './build';
import { runBatch } from './evaluation-store';
import { judgedDims, refOf } from './incremental';
import { candidateOf, dimsOf, KpiEngine, toCorrection, type EvaluationRow } from './kpi-engine.service';
import { PgEvaluationStore } from './pg-store';

/** Session lock class of a build group (an evaluation, or all of a rebuild's). */
const BUILD_LOCK_CLASS = 48_105;
const CHUNK = 2_000;
/** A catch-up round this small is the last one before the swap. */
const SMALL_ROUND = 200;
const RECONCILE_EVERY_MS = 30_000;

/** A pg client as the runtime's SqlExecutor, for the engine's statements outside Prisma. */
export function pgExecutor(client: Pick<PoolClient, 'query'>): SqlExecutor {
  return {
    $executeRawUnsafe: async (q: string, ...values: unknown[]) => (await client.query(q, values)).rowCount ?? 0,
    $queryRawUnsafe: async <T>(q: string, ...values: unknown[]) => (await client.query(q, values)).rows as T,
  };
}

const CANDIDATE_COLUMNS = 'source, id, type, subject, time, region, dataversion, received_at, data';

@Injectable()
export class EvaluationBuilder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private pool?: Pool;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lastReconcile = 0;

  constructor(
    private readonly prisma: PrismaService,
    private readonly engine: KpiEngine,
    private readonly cache: KpiCache,
    @Inject(RUNTIME_OPTIONS) private readonly options: RuntimeModuleOptions,
    @Inject(KPI_CONFIG) private readonly config: KpiServiceConfig,
    @Inject(RUNTIME_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.pool = new Pool({ connectionString: this.options.env.DATABASE_URL, max: 4, application_name: 'kpi-evaluation-builder' });
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'evaluation builder connection error'));
    this.running = this.config.jobs.evaluationBuilder;
    if (this.running) this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.pool?.end();
  }

  /** Look for work now (an evaluation was just created). */
  poke(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        if (Date.now() - this.lastReconcile > RECONCILE_EVERY_MS) {
          await this.reconcileAll();
          this.lastReconcile = Date.now();
        }
        worked = await this.tick();
      } catch (error) {
        this.logger.error({ err: error }, 'evaluation builder failed; retrying');
      }
      if (!worked && this.running) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Every KPI in force has an evaluation of its rule, active or on its way (idempotent). */
  async reconcileAll(): Promise<void> {
    const created: number[] = [];
    for (const year of await this.engine.definedYears(this.prisma)) {
      for (const d of await this.engine.definitions(this.prisma, year)) {
        const id = await this.prisma.$transaction((tx) => this.engine.reconcileDefinition(tx, year, d.kpiCode));
        if (id !== undefined) created.push(id);
      }
    }
    if (created.length) this.logger.info({ evaluations: created }, 'evaluations to build for KPIs in force');
  }

  /** Builds what is waiting; true when it did any work. */
  async tick(): Promise<boolean> {
    const building = await this.engine.evaluations(this.prisma, { status: 'building' });
    const rebuildOf = await this.rebuildIds(building.map((b) => b.id));
    const groups = new Map<string, EvaluationRow[]>();
    for (const x of building) {
      const key = rebuildOf.get(x.id) ?? `evaluation:${x.id}`;
      groups.set(key, [...(groups.get(key) ?? []), x]);
    }
    let worked = false;
    for (const [key, group] of groups) {
      const lock = await this.pool!.connect();
      try {
        const { rows } = await lock.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${BUILD_LOCK_CLASS}, hashtext($1)) AS ok`, [key]);
        if (!rows[0]?.ok) continue;
        try {
          await this.buildGroup(group, key.startsWith('evaluation:') ? undefined : key);
          worked = true;
        } finally {
          await lock.query(`SELECT pg_advisory_unlock(${BUILD_LOCK_CLASS}, hashtext($1))`, [key]);
        }
      } finally {
        lock.release();
      }
    }
    return (await this.discardRetired()) || worked;
  }

  private async rebuildIds(ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.$queryRawUnsafe<{ id: number; rebuild_id: string | null }[]>(`SELECT id, rebuild_id::text FROM kpi_evaluation WHERE id = ANY($1::int[])`, [...ids]);
    return new Map(rows.filter((r) => r.rebuild_id).map((r) => [r.id, r.rebuild_id!]));
  }

  private async stillBuilding(id: number): Promise<boolean> {
    const rows = await this.prisma.$queryRawUnsafe<{ status: string }[]>(`SELECT status FROM kpi_evaluation WHERE id = $1`, id);
    return rows[0]?.status === 'building';
  }

  async buildGroup(group: readonly EvaluationRow[], rebuildId: string | undefined): Promise<void> {
    const started = Date.now();
    for (const x of group) {
      const rows = await this.prisma.$queryRawUnsafe<{ snapshot: string | null }[]>(`SELECT snapshot FROM kpi_evaluation WHERE id = $1`, x.id);
      if (rows[0]?.snapshot == null) await this.scan(x);
    }
    for (const x of group) {
      for (let round = 0; round < 50 && (await this.stillBuilding(x.id)); round++) {
        if ((await this.catchUp(x)) < SMALL_ROUND) break;
      }
    }
    const swapped = await this.swap(group, rebuildId);
    if (swapped.length) {
      await this.cache.invalidate(...new Set(swapped.map((x) => x.year)));
      this.logger.info({ evaluations: swapped.map((x) => `${x.year}/${x.kpiCode}#${x.id}`), rebuildId, seconds: (Date.now() - started) / 1000 }, 'evaluations built and swapped in');
    }
  }

  /** Step 1: the archive as of one snapshot, in business-time order, chunk by chunk. (Public for tests that drive the steps.) */
  async scan(x: EvaluationRow): Promise<void> {
    const reader = await this.pool!.connect();
    const writer = await this.pool!.connect();
    try {
      await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const snapshot = (await reader.query<{ s: string }>('SELECT pg_current_snapshot()::text AS s')).rows[0]!.s;
      const types = x.rule.eventTypes;
      const total = Number((await reader.query<{ n: string }>(`SELECT count(*) AS n FROM event_archive WHERE biz_year = $1 AND type = ANY($2::text[])`, [x.year, types])).rows[0]!.n);
      // A scan that stopped part-way (a crash, a restart) starts over: its chunks are written one transaction each.
      for (const table of ['kpi_fact', 'kpi_key_holder', 'kpi_key', 'kpi_figure']) await writer.query(`DELETE FROM ${table} WHERE evaluation_id = $1`, [x.id]);
      await writer.query(`UPDATE kpi_evaluation SET total = $2, processed = 0 WHERE id = $1`, [x.id, total]);
      const corrections = await this.correctionsOfYear(pgExecutor(reader), x);
      await reader.query(`DECLARE scan NO SCROLL CURSOR FOR SELECT ${CANDIDATE_COLUMNS} FROM event_archive WHERE biz_year = $1 AND type = ANY($2::text[]) ORDER BY time, source, id`, [x.year, types]);
      const builder = new SortedBuilder();
      let processed = 0;
      for (;;) {
        const { rows } = await reader.query<Parameters<typeof candidateOf>[0]>(`FETCH ${CHUNK} FROM scan`);
        if (rows.length === 0) break;
        const items = rows.map(candidateOf).map((event) => {
          const judgement = judgeEvent(x.rule, event, effectiveCorrection(event, corrections.get(refOf(event)) ?? []));
          return { event, dims: judgedDims(dimsOf(event), judgement), judgement };
        });
        const change = builder.chunk(items);
        processed += rows.length;
        await writer.query('BEGIN');
        try {
          await new PgEvaluationStore(pgExecutor(writer), x.id).write(change);
          await writer.query(`UPDATE kpi_evaluation SET processed = $2 WHERE id = $1`, [x.id, processed]);
          await writer.query('COMMIT');
        } catch (error) {
          await writer.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
        if (!(await this.stillBuilding(x.id))) {
          this.logger.info({ evaluation: x.id }, 'evaluation superseded while it was being built; stopped');
          return;
        }
      }
      await reader.query('COMMIT');
      await writer.query(`UPDATE kpi_evaluation SET snapshot = $2 WHERE id = $1`, [x.id, snapshot]);
      this.logger.info({ evaluation: x.id, year: x.year, kpiCode: x.kpiCode, events: processed, keys: builder.keys }, 'evaluation scanned');
    } finally {
      await reader.query('ROLLBACK').catch(() => undefined);
      reader.release();
      writer.release();
    }
  }

  /** Corrections aimed at the (year, KPI)'s candidates, by target (what judging the scan needs). */
  private async correctionsOfYear(db: SqlExecutor, x: EvaluationRow): Promise<Map<string, CorrectionRecord[]>> {
    const rows = await db.$queryRawUnsafe<{ source: string; id: string; time: Date; received_at: Date; data: EventData<'center.event.corrected.v1'> }[]>(
      `SELECT c.source, c.id, c.time, c.received_at, c.data FROM event_archive c
         JOIN event_archive e ON e.source = c.target_source AND e.id = c.target_id
        WHERE c.type = $1 AND e.biz_year = $2 AND e.type = ANY($3::text[])`,
      EVENTS.eventCorrected,
      x.year,
      x.rule.eventTypes,
    );
    const out = new Map<string, CorrectionRecord[]>();
    for (const r of rows) {
      const c = toCorrection(r.source, r.id, r.time, r.received_at, r.data);
      out.set(refOf(c.target), [...(out.get(refOf(c.target)) ?? []), c]);
    }
    return out;
  }

  /**
   * Applies to an evaluation what the archive holds beyond its snapshot, in
   * `db`'s transaction; returns how many archived rows that was. `snapshot`
   * is then the transaction's own (REPEATABLE READ: what this round read).
   */
  private async applyNewer(db: SqlExecutor, x: EvaluationRow, snapshot: string): Promise<number> {
    const rows = await db.$queryRawUnsafe<(Parameters<typeof candidateOf>[0] & { target_source: string | null; target_id: string | null; biz_year: number })[]>(
      `SELECT ${CANDIDATE_COLUMNS}, target_source, target_id, biz_year FROM event_archive
        WHERE NOT pg_visible_in_snapshot(tx_id, $1::pg_snapshot)
          AND ((biz_year = $2 AND type = ANY($3::text[])) OR type = $4)
        ORDER BY seq`,
      snapshot,
      x.year,
      x.rule.eventTypes,
      EVENTS.eventCorrected,
    );
    if (rows.length === 0) return 0;
    const arrivals: Arrival[] = rows.map((r) =>
      r.type === EVENTS.eventCorrected
        ? { kind: 'correction', correction: toCorrection(r.source, r.id, r.time, r.received_at, r.data as EventData<'center.event.corrected.v1'>) }
        : { kind: 'event', event: candidateOf(r) },
    );
    const targets = new Map<string, ReturnType<typeof candidateOf>>();
    const wanted = arrivals.flatMap((a) => (a.kind === 'correction' ? [a.correction.target] : []));
    if (wanted.length) {
      const found = await db.$queryRawUnsafe<Parameters<typeof candidateOf>[0][]>(
        `SELECT ${CANDIDATE_COLUMNS} FROM event_archive a JOIN jsonb_to_recordset($1::jsonb) AS r(s text, i text) ON a.source = r.s AND a.id = r.i WHERE a.biz_year = $2`,
        JSON.stringify(wanted.map((t) => ({ s: t.source, i: t.id }))),
        x.year,
      );
      for (const f of found) targets.set(refOf(f), candidateOf(f));
    }
    for (const a of arrivals) if (a.kind === 'event') targets.set(refOf(a.event), a.event);
    const corrections = await this.engine.correctionsOf(db, [...targets.values()]);
    const items = itemsFor(x.rule, arrivals, { event: (s, i) => targets.get(refOf({ source: s, id: i })), correctionsOf: (s, i) => corrections.get(refOf({ source: s, id: i })) ?? [] }, dimsOf);
    if (items.length) await runBatch(new PgEvaluationStore(db, x.id), items);
    return rows.length;
  }

  /** Step 2: one catch-up round in its own REPEATABLE READ transaction; returns the archived rows it read. */
  async catchUp(x: EvaluationRow): Promise<number> {
    const client = await this.pool!.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      const now = (await client.query<{ s: string }>('SELECT pg_current_snapshot()::text AS s')).rows[0]!.s;
      const kept = (await client.query<{ snapshot: string | null }>(`SELECT snapshot FROM kpi_evaluation WHERE id = $1`, [x.id])).rows[0]?.snapshot;
      if (!kept) throw new Error(`evaluation ${x.id} has no snapshot to catch up from`);
      const n = await this.applyNewer(pgExecutor(client), x, kept);
      await client.query(`UPDATE kpi_evaluation SET snapshot = $2, processed = processed + $3 WHERE id = $1`, [x.id, now, n]);
      await client.query('COMMIT');
      return n;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Step 3: swap the group's evaluations in, together. */
  async swap(group: readonly EvaluationRow[], rebuildId: string | undefined): Promise<EvaluationRow[]> {
    return this.prisma.$transaction(
      async (tx) => {
        await this.engine.lockEngineExclusive(tx);
        const live = await this.engine.evaluations(tx, { ids: group.map((x) => x.id) });
        const ready = live.filter((x) => x.status === 'building');
        const values: Record<string, Record<string, number>> = {};
        for (const x of ready) {
          const kept = (await tx.$queryRawUnsafe<{ snapshot: string | null }[]>(`SELECT snapshot FROM kpi_evaluation WHERE id = $1`, x.id))[0]?.snapshot;
          if (!kept) throw new Error(`evaluation ${x.id} is not scanned yet`);
          await this.applyNewer(tx, x, kept);
          const old = (await this.engine.activeByCode(tx, x.year)).get(x.kpiCode);
          const before = old ? await this.engine.total(tx, old.id) : 0;
          const after = await this.engine.total(tx, x.id);
          if (before !== after && (await this.engine.yearClosed(tx, x.year))) {
            await this.engine.restate(tx, x.year, x.kpiCode, before, after, { source: 'tjc/kpi', id: rebuildId ?? `evaluation-${x.id}`, type: rebuildId ? 'kpi.rebuild' : 'kpi.rule-changed' });
          }
          if (old) await tx.$executeRawUnsafe(`UPDATE kpi_evaluation SET status = 'retired' WHERE id = $1`, old.id);
          await tx.$executeRawUnsafe(`UPDATE kpi_evaluation SET status = 'active', activated_at = now(), snapshot = NULL WHERE id = $1`, x.id);
          (values[x.year] ??= {})[x.kpiCode] = after;
        }
        if (rebuildId) {
          const progress = await tx.$queryRawUnsafe<{ processed: number; total: number }[]>(
            `SELECT coalesce(sum(processed), 0)::int AS processed, coalesce(sum(total), 0)::int AS total FROM kpi_evaluation WHERE rebuild_id = $1::uuid`,
            rebuildId,
          );
          await tx.$executeRawUnsafe(
            `UPDATE kpi_rebuild SET status = 'done', processed = $2, total = $3, finished_at = now(), result = $4::jsonb, version = version + 1 WHERE id = $1::uuid`,
            rebuildId,
            progress[0]?.processed ?? 0,
            progress[0]?.total ?? 0,
            JSON.stringify({ years: Object.keys(values).map(Number), values }),
          );
        }
        return ready;
      },
      { timeout: 300_000, maxWait: 60_000 },
    );
  }

  /** Deletes the rows of retired evaluations, one evaluation at a time; true when it deleted any. */
  private async discardRetired(): Promise<boolean> {
    const retired = await this.prisma.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM kpi_evaluation WHERE status = 'retired' ORDER BY id LIMIT 5`);
    for (const { id } of retired) {
      await this.prisma.$transaction(async (tx) => {
        for (const table of ['kpi_fact', 'kpi_key_holder', 'kpi_key', 'kpi_figure']) await tx.$executeRawUnsafe(`DELETE FROM ${table} WHERE evaluation_id = $1`, id);
        await tx.$executeRawUnsafe(`DELETE FROM kpi_evaluation WHERE id = $1 AND status = 'retired'`, id);
      });
    }
    return retired.length > 0;
  }
}
