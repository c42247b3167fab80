import { Injectable, NotFoundException } from '@nestjs/common';
import { toShanghaiIso } from '@tjc/contracts';
import { PrismaService } from '../../prisma.service';
import { elapsedShareOfYear, endOfShanghaiDay } from '../business-time';
import { emptyFigures, monthKey, type KpiFigures } from '../figures';
import type { KpiDefinition } from '../kpi-definition';
import { KpiEngine } from '../../engine/kpi-engine.service';
import { KnownAtEvaluator } from '../../engine/known-at';
import { paceOf, type Pace } from '../pace';

export interface KpiView {
  readonly kpiCode: string;
  readonly label: { zh: string; en: string };
  readonly unit: { zh: string; en: string };
  readonly target: number;
  readonly value: number;
  readonly pace: Pace;
  readonly byMonth: Record<string, number>;
  readonly byNetwork: Record<string, number>;
  readonly byRegion: Record<string, number>;
  readonly definition: Pick<KpiDefinition, 'eventTypes' | 'filters' | 'counting' | 'setBy'> & { readonly regionPath: string | null; setAt: string };
  /** While a new counting rule (or a rebuild) is being evaluated from the archive: how far it is. The figures are those of the rule before it until it is done. */
  readonly evaluating: { readonly processed: number; readonly total: number } | null;
}

export interface YearView {
  readonly year: number;
  /** Where the numbers come from: the rollups (live figures), the lineage (as of a date), or the archive (as known at an instant). */
  readonly basis: 'rollup' | 'lineage' | 'archive';
  readonly asOf: string | null;
  readonly knownAt: string | null;
  readonly generatedAt: string;
  readonly closed: { at: string; by: string | null } | null;
  readonly rollup: { version: number; computedAt: string | null } | null;
  readonly kpis: readonly KpiView[];
}

/** Answers "the KPIs of a year": live from the maintained figures, or as of a past date. */
@Injectable()
export class GetKpisHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly engine: KpiEngine,
    private readonly knownAt: KnownAtEvaluator,
  ) {}

  async definitionsOrThrow(year: number, knownAt?: Date): Promise<KpiDefinition[]> {
    const definitions = await this.engine.definitions(this.prisma, year, knownAt);
    if (definitions.length === 0) throw new NotFoundException(`no KPIs are defined for ${year}${knownAt ? ` as known at ${knownAt.toISOString()}` : ''}`);
    return definitions;
  }

  /** The live figures, kept with the lineage in the consumer's transaction (what the cached API serves). */
  async fromRollups(year: number, now = new Date()): Promise<YearView> {
    const definitions = await this.definitionsOrThrow(year);
    const [figures, state, freshness, building] = await Promise.all([
      this.engine.figures(this.prisma, year),
      this.prisma.kpiYearState.findUnique({ where: { year } }),
      this.engine.freshness(this.prisma, year),
      this.engine.buildingByCode(this.prisma, year),
    ]);
    return this.view(year, definitions, figures, now, { basis: 'rollup', asOf: null, knownAt: null, state, rollup: freshness, building });
  }

  /**
   * As of a date: the events whose business time is on or before the end of
   * `asOf` (Asia/Shanghai), with everything known now (later corrections and
   * late events for that period included). With `knownAt`, only what had been
   * received by that instant counts (events, corrections and KPI settings):
   * the figure as it could have been reported then.
   */
  async asOf(year: number, asOf: string | undefined, knownAt: Date | undefined): Promise<YearView> {
    const cutoff = asOf !== undefined ? endOfShanghaiDay(asOf) : undefined;
    const state = await this.prisma.kpiYearState.findUnique({ where: { year } });
    const definitions = await this.definitionsOrThrow(year, knownAt);
    const figures = knownAt === undefined ? await this.engine.figures(this.prisma, year, cutoff ?? new Date(8.64e15)) : await this.knownAt.figures(year, definitions, knownAt, cutoff);
    const at = cutoff ?? knownAt ?? new Date();
    return this.view(year, definitions, figures, at, {
      basis: knownAt === undefined ? 'lineage' : 'archive',
      asOf: asOf ?? null,
      knownAt: knownAt ? toShanghaiIso(knownAt) : null,
      state,
      rollup: null,
      building: knownAt === undefined ? await this.engine.buildingByCode(this.prisma, year) : new Map(),
    });
  }

  private view(
    year: number,
    definitions: readonly KpiDefinition[],
    figures: ReadonlyMap<string, KpiFigures>,
    at: Date,
    meta: {
      basis: YearView['basis'];
      asOf: string | null;
      knownAt: string | null;
      state: { closedAt: Date | null; closedBy: string | null } | null;
      rollup: YearView['rollup'];
      building: ReadonlyMap<string, { processed: number; total: number }>;
    },
  ): YearView {
    const share = elapsedShareOfYear(year, at);
    return {
      year,
      basis: meta.basis,
      asOf: meta.asOf,
      knownAt: meta.knownAt,
      generatedAt: toShanghaiIso(new Date()),
      closed: meta.state?.closedAt ? { at: toShanghaiIso(meta.state.closedAt), by: meta.state.closedBy } : null,
      rollup: meta.rollup,
      kpis: definitions.map((d) => {
        const f = figures.get(d.kpiCode) ?? emptyFigures();
        return {
          kpiCode: d.kpiCode,
          label: d.label,
          unit: d.unit,
          target: d.target,
          value: f.total,
          pace: paceOf(d.target, f.total, share),
          byMonth: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [monthKey(i + 1), f.month[monthKey(i + 1)] ?? 0])),
          byNetwork: f.network,
          byRegion: f.region,
          definition: { eventTypes: d.eventTypes, filters: d.filters, counting: d.counting, regionPath: d.regionPath ?? null, setBy: d.setBy, setAt: toShanghaiIso(d.setAt) },
          evaluating: meta.building.has(d.kpiCode) ? { processed: meta.building.get(d.kpiCode)!.processed, total: meta.building.get(d.kpiCode)!.total } : null,
        };
      }),
    };
  }
}
