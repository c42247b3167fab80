import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Logger } from '../../logger';
import { appendAudit, RUNTIME_LOGGER } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { KpiCache } from '../../kpi/kpi-cache.service';
import { KpiEngine } from '../../kpi/kpi-engine.service';
import { RunRollupHandler } from '../../rollups/run-rollup/run-rollup.handler';

const REBUILD_CAUSE_TYPE = 'kpi.rebuild';

/**
 * Rebuilds every fact, value and rollup from the durable event archive into
 * a fresh generation, then swaps it in atomically.
 *
 *  1. reserve generation G (`building_generation`): from now on every event
 *     handler writes its recomputes into the live generation AND into G, so
 *     nothing that lands during the rebuild is missed;
 *  2. per year, under the year's lock: evaluate every KPI from the archive
 *     into G (progress = archived events of the years done / all);
 *  3. swap, under the engine's exclusive lock (no handler runs): finish any
 *     year that appeared meanwhile, record restatements if a closed year's
 *     value differs, make G active, drop the old generation, re-materialise
 *     the rollups; then invalidate the cache.
 */
@Injectable()
export class RebuildReadModelsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly engine: KpiEngine,
    private readonly rollups: RunRollupHandler,
    private readonly cache: KpiCache,
    @Inject(RUNTIME_LOGGER) private readonly logger: Logger,
  ) {}

  async request(actor: string, requestId?: string): Promise<{ id: string; status: string }> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('kpi-rebuild-request'))`;
      const running = await tx.kpiRebuild.findFirst({ where: { status: { in: ['queued', 'running'] } } });
      if (running) throw new ConflictException({ statusCode: 409, error: 'Conflict', message: 'a rebuild is already in progress', currentState: running.status, id: running.id });
      const id = randomUUID();
      await tx.kpiRebuild.create({ data: { id, status: 'queued', generation: 0, requestedBy: actor } });
      await appendAudit(tx, { actor, action: 'kpi.rebuild.requested', entityType: 'kpi-rebuild', entityId: id, ...(requestId && { requestId }), detail: { source: 'event_archive' } });
      return { id, status: 'queued' };
    });
  }

  async run(id: string): Promise<void> {
    let generation: number | undefined;
    try {
      generation = await this.prisma.$transaction(async (tx) => {
        const state = await this.engine.generations(tx);
        await tx.$queryRaw`SELECT id FROM kpi_engine_state WHERE id = 1 FOR UPDATE`;
        const g = Math.max(state.active, state.building ?? 0) + 1;
        await tx.kpiFact.deleteMany({ where: { generation: g } });
        await tx.kpiValue.deleteMany({ where: { generation: g } });
        await tx.kpiEngineState.update({ where: { id: 1 }, data: { buildingGeneration: g, version: { increment: 1 } } });
        const total = await tx.eventArchive.count();
        await tx.kpiRebuild.update({ where: { id }, data: { status: 'running', generation: g, total, processed: 0, version: { increment: 1 } } });
        return g;
      });
      const g = generation;
      this.logger.info({ id, generation: g }, 'rebuild started');

      const done = new Set<number>();
      for (const year of await this.engine.knownYears(this.prisma)) {
        await this.prisma.$transaction(
          async (tx) => {
            await this.engine.lockEngineShared(tx);
            await this.engine.lockYear(tx, year);
            await this.engine.writeEvaluations(tx, g, year, await this.engine.evaluate(tx, year, await this.engine.definitions(tx, year)));
            const inYear = await tx.eventArchive.count({ where: { bizYear: year } });
            await tx.kpiRebuild.update({ where: { id }, data: { processed: { increment: inYear }, version: { increment: 1 } } });
          },
          { timeout: 120_000, maxWait: 10_000 },
        );
        done.add(year);
      }

      const years = await this.prisma.$transaction(
        async (tx) => {
          await this.engine.lockEngineExclusive(tx);
          const all = await this.engine.knownYears(tx);
          for (const year of all.filter((y) => !done.has(y))) {
            await this.engine.writeEvaluations(tx, g, year, await this.engine.evaluate(tx, year, await this.engine.definitions(tx, year)));
          }
          const { active } = await this.engine.generations(tx);
          const values: Record<string, Record<string, number>> = {};
          for (const year of all) {
            const before = await this.engine.values(tx, active, year);
            const after = await this.engine.values(tx, g, year);
            values[year] = Object.fromEntries(after);
            await this.engine.recordRestatements(tx, year, before, after, { source: 'tjc/kpi', id, type: REBUILD_CAUSE_TYPE });
          }
          await tx.kpiEngineState.update({ where: { id: 1 }, data: { activeGeneration: g, buildingGeneration: null, version: { increment: 1 } } });
          await tx.kpiFact.deleteMany({ where: { generation: { not: g } } });
          await tx.kpiValue.deleteMany({ where: { generation: { not: g } } });
          for (const year of all) {
            await tx.kpiYearState.upsert({ where: { year }, create: { year, factVersion: 1 }, update: { factVersion: { increment: 1 }, version: { increment: 1 } } });
            await this.rollups.rollupInTx(tx, year);
          }
          const total = await tx.eventArchive.count();
          await tx.kpiRebuild.update({
            where: { id },
            data: { status: 'done', processed: total, total, finishedAt: new Date(), result: { generation: g, years: all, values }, version: { increment: 1 } },
          });
          return all;
        },
        { timeout: 300_000, maxWait: 60_000 },
      );
      await this.cache.invalidate(...years);
      this.logger.info({ id, generation: g, years }, 'rebuild swapped in');
    } catch (error) {
      this.logger.error({ err: error, id }, 'rebuild failed');
      await this.prisma.$transaction(async (tx) => {
        if (generation !== undefined) {
          await tx.kpiEngineState.updateMany({ where: { id: 1, buildingGeneration: generation }, data: { buildingGeneration: null } });
          await tx.kpiFact.deleteMany({ where: { generation } });
          await tx.kpiValue.deleteMany({ where: { generation } });
        }
        await tx.kpiRebuild.update({ where: { id }, data: { status: 'failed', finishedAt: new Date(), error: error instanceof Error ? error.message : String(error) } });
      });
      throw error;
    }
  }
}
