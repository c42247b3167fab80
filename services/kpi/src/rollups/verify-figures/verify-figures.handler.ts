import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '../../logger';
import { RUNTIME_LOGGER } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { KpiEngine } from '../../engine/kpi-engine.service';

export interface FigureMismatch {
  readonly evaluationId: number;
  readonly year: number;
  readonly kpiCode: string;
  readonly dimension: string;
  readonly key: string;
  readonly stored: number;
  readonly fromLineage: number;
}

export interface VerifyOutcome {
  readonly evaluations: number;
  readonly mismatches: readonly FigureMismatch[];
  readonly repaired: boolean;
}

/**
 * The KPI figures are kept by delta, in the same transaction as the lineage
 * (src/engine). This check recomputes every active evaluation's figures from
 * its lineage and compares: on a schedule and on request (ops), it should
 * always find nothing; a mismatch is logged as an error and, on request,
 * repaired from the lineage (under the engine's exclusive lock, so no batch
 * applies deltas meanwhile).
 */
@Injectable()
export class VerifyFiguresHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly engine: KpiEngine,
    @Inject(RUNTIME_LOGGER) private readonly logger: Logger,
  ) {}

  async verify(options: { repair?: boolean } = {}): Promise<VerifyOutcome> {
    return this.prisma.$transaction(
      async (tx) => {
        if (options.repair) await this.engine.lockEngineExclusive(tx);
        else await this.engine.lockEngineShared(tx);
        const active = await this.engine.evaluations(tx, { status: 'active' });
        const rows = await tx.$queryRawUnsafe<{ evaluation_id: number; dimension: string; key: string; stored: number; from_lineage: number }[]>(
          `WITH lineage AS (
             SELECT evaluation_id, d.dimension, d.key, sum(contribution)::int AS value
               FROM kpi_fact f, LATERAL (VALUES ('total', 'total'), ('month', lpad(f.month::text, 2, '0')), ('network', f.network), ('region', f.region)) AS d(dimension, key)
              WHERE evaluation_id = ANY($1::int[]) AND contribution <> 0 GROUP BY evaluation_id, d.dimension, d.key)
           SELECT coalesce(l.evaluation_id, g.evaluation_id) AS evaluation_id, coalesce(l.dimension, g.dimension) AS dimension, coalesce(l.key, g.key) AS key,
                  coalesce(g.value, 0) AS stored, coalesce(l.value, 0) AS from_lineage
             FROM lineage l FULL JOIN (SELECT * FROM kpi_figure WHERE evaluation_id = ANY($1::int[])) g
               ON g.evaluation_id = l.evaluation_id AND g.dimension = l.dimension AND g.key = l.key
            WHERE coalesce(g.value, 0) <> coalesce(l.value, 0)`,
          active.map((x) => x.id),
        );
        const byId = new Map(active.map((x) => [x.id, x]));
        const mismatches = rows.map((r) => ({ evaluationId: r.evaluation_id, year: byId.get(r.evaluation_id)!.year, kpiCode: byId.get(r.evaluation_id)!.kpiCode, dimension: r.dimension, key: r.key, stored: r.stored, fromLineage: r.from_lineage }));
        if (mismatches.length) this.logger.error({ mismatches: mismatches.slice(0, 20), count: mismatches.length }, 'KPI figures differ from their lineage');
        if (options.repair && mismatches.length) {
          await tx.$executeRawUnsafe(
            `INSERT INTO kpi_figure (evaluation_id, dimension, key, value) SELECT r.evaluation_id, r.dimension, r.key, r.value FROM jsonb_to_recordset($1::jsonb) AS r(evaluation_id int, dimension text, key text, value int)
             ON CONFLICT (evaluation_id, dimension, key) DO UPDATE SET value = EXCLUDED.value, version = kpi_figure.version + 1, updated_at = now()`,
            JSON.stringify(mismatches.map((m) => ({ evaluation_id: m.evaluationId, dimension: m.dimension, key: m.key, value: m.fromLineage }))),
          );
        }
        return { evaluations: active.length, mismatches, repaired: Boolean(options.repair && mismatches.length) };
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  }
}
