/**
 * "As known at an instant": a year's figures counting only what had been
 * received by then — events, corrections and KPI settings — as they could
 * have been reported at that moment. Evaluated from the archive with the
 * SortedBuilder, chunk by chunk in business-time order (memory: the keys,
 * not the events); with a cutoff, only events up to it are read, since in
 * that order a later event never changes an earlier one's count.
 */
import { Injectable } from '@nestjs/common';
import { EVENTS, type EventData } from '@tjc/contracts';
import { PrismaService } from '../prisma.service';
import { emptyFigures, type KpiFigures } from '../kpi/figures';
import type { KpiDefinition } from '../kpi/kpi-definition';
import { effectiveCorrection, judgeEvent, type CorrectionRecord } from '../kpi/kpi-evaluator';
import { SortedBuilder } from './build';
import { judgedDims, refOf } from './incremental';
import { candidateOf, dimsOf, toCorrection } from './kpi-engine.service';

const CHUNK = 2_000;

@Injectable()
export class KnownAtEvaluator {
  constructor(private readonly prisma: PrismaService) {}

  async figures(year: number, definitions: readonly KpiDefinition[], knownAt: Date, cutoff?: Date): Promise<Map<string, KpiFigures>> {
    const out = new Map<string, KpiFigures>();
    for (const d of definitions) out.set(d.kpiCode, await this.evaluate(year, d, knownAt, cutoff));
    return out;
  }

  private async evaluate(year: number, d: KpiDefinition, knownAt: Date, cutoff: Date | undefined): Promise<KpiFigures> {
    const corrections = new Map<string, CorrectionRecord[]>();
    const rows = await this.prisma.$queryRawUnsafe<{ source: string; id: string; time: Date; received_at: Date; data: EventData<'center.event.corrected.v1'> }[]>(
      `SELECT c.source, c.id, c.time, c.received_at, c.data FROM event_archive c JOIN event_archive e ON e.source = c.target_source AND e.id = c.target_id
        WHERE c.type = $1 AND c.received_at <= $2 AND e.biz_year = $3 AND e.type = ANY($4::text[])`,
      EVENTS.eventCorrected,
      knownAt,
      year,
      [...d.eventTypes],
    );
    for (const r of rows) {
      const c = toCorrection(r.source, r.id, r.time, r.received_at, r.data);
      corrections.set(refOf(c.target), [...(corrections.get(refOf(c.target)) ?? []), c]);
    }
    const builder = new SortedBuilder();
    const figures = emptyFigures();
    let after: { time: Date; source: string; id: string } | undefined;
    for (;;) {
      // Keyset pagination in (time, source, id) order, the archive's index order for a year and type.
      const chunk = await this.prisma.$queryRawUnsafe<Parameters<typeof candidateOf>[0][]>(
        `SELECT source, id, type, subject, time, region, dataversion, received_at, data FROM event_archive
          WHERE biz_year = $1 AND type = ANY($2::text[]) AND received_at <= $3 AND ($4::timestamptz IS NULL OR time <= $4::timestamptz)
            AND ($5::timestamptz IS NULL OR (time, source, id) > ($5::timestamptz, $6::text, $7::text))
          ORDER BY time, source, id LIMIT ${CHUNK}`,
        year,
        [...d.eventTypes],
        knownAt,
        cutoff ?? null,
        after?.time ?? null,
        after?.source ?? null,
        after?.id ?? null,
      );
      if (chunk.length === 0) break;
      const items = chunk.map(candidateOf).map((event) => {
        const judgement = judgeEvent(d, event, effectiveCorrection(event, corrections.get(refOf(event)) ?? []));
        return { event, dims: judgedDims(dimsOf(event), judgement), judgement };
      });
      const change = builder.chunk(items);
      for (const [key, delta] of change.figureDeltas) {
        const [dimension, ...rest] = key.split('/');
        const k = rest.join('/');
        if (dimension === 'total') figures.total += delta;
        else if (dimension === 'month' || dimension === 'network' || dimension === 'region') figures[dimension][k] = (figures[dimension][k] ?? 0) + delta;
      }
      const last = chunk[chunk.length - 1]!;
      after = { time: last.time, source: last.source, id: last.id };
      if (chunk.length < CHUNK) break;
    }
    for (const dim of ['month', 'network', 'region'] as const) for (const [k, v] of Object.entries(figures[dim])) if (v === 0) delete figures[dim][k];
    return figures;
  }
}
