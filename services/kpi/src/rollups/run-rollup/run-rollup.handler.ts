import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../../prisma.service';
import { DIMENSIONS, emptyFigures } from '../../kpi/figures';
import { KpiCache } from '../../kpi/kpi-cache.service';
import { KpiEngine } from '../../kpi/kpi-engine.service';

/** The on-demand job ran before the transaction that asked for it committed: retry. */
export class RollupNotReady extends Error {
  constructor(year: number, wanted: number, visible: number) {
    super(`year ${year}: fact version ${wanted} not visible yet (at ${visible})`);
    this.name = 'RollupNotReady';
  }
}

export interface RollupOutcome {
  readonly year: number;
  readonly version: number;
  readonly skipped: boolean;
}

/**
 * Materialises a year's figures (total, per month, per network, per region
 * of every KPI) from the live lineage into `kpi_rollup`, which the KPI API
 * answers from, then invalidates the year's cached answers.
 */
@Injectable()
export class RunRollupHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly engine: KpiEngine,
    private readonly cache: KpiCache,
  ) {}

  /** `minVersion`: the fact version an event handler produced; older rollups are rebuilt, newer ones make this a no-op. */
  async rollupYear(year: number, minVersion?: number): Promise<RollupOutcome> {
    const outcome = await this.prisma.$transaction(
      async (tx) => {
        await this.engine.lockEngineShared(tx);
        await this.engine.lockYear(tx, year);
        const state = await tx.kpiYearState.findUnique({ where: { year } });
        const factVersion = state?.factVersion ?? 0;
        if (minVersion !== undefined) {
          if (factVersion < minVersion) throw new RollupNotReady(year, minVersion, factVersion);
          if (state?.rolledUpAt && state.rollupVersion >= minVersion) return { year, version: state.rollupVersion, skipped: true };
        }
        await this.rollupInTx(tx, year);
        return { year, version: factVersion, skipped: false };
      },
      { timeout: 30_000, maxWait: 10_000 },
    );
    if (!outcome.skipped) await this.cache.invalidate(year);
    return outcome;
  }

  async rollupAll(): Promise<RollupOutcome[]> {
    const outcomes: RollupOutcome[] = [];
    for (const year of await this.engine.definedYears(this.prisma)) outcomes.push(await this.rollupYear(year));
    return outcomes;
  }

  /** Caller holds the year's lock (or the engine's exclusive lock). */
  async rollupInTx(tx: Tx, year: number): Promise<void> {
    const { active } = await this.engine.generations(tx);
    const definitions = await this.engine.definitions(tx, year);
    const figures = await this.engine.figures(tx, active, year);
    const computedAt = new Date();
    const rows = definitions.flatMap((d) => {
      const f = figures.get(d.kpiCode) ?? emptyFigures();
      return [
        { year, kpiCode: d.kpiCode, dimension: 'total', key: 'total', value: f.total, computedAt },
        ...DIMENSIONS.flatMap((dimension) => Object.entries(f[dimension]).map(([key, value]) => ({ year, kpiCode: d.kpiCode, dimension, key, value, computedAt }))),
      ];
    });
    await tx.kpiRollup.deleteMany({ where: { year } });
    if (rows.length > 0) await tx.kpiRollup.createMany({ data: rows });
    const state = await tx.kpiYearState.findUnique({ where: { year } });
    await tx.kpiYearState.upsert({
      where: { year },
      create: { year, rollupVersion: 0, rolledUpAt: computedAt },
      update: { rollupVersion: state?.factVersion ?? 0, rolledUpAt: computedAt },
    });
  }
}
