import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '../../logger';
import { EVENTS, toShanghaiIso } from '@tjc/contracts';
import { EventPublisher, RUNTIME_LOGGER } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { elapsedShareOfYear, shanghaiDate, shanghaiYear } from '../../kpi/business-time';
import { KpiEngine } from '../../engine/kpi-engine.service';
import { paceOf, type Pace } from '../../kpi/pace';

export interface PaceCheckResult {
  readonly year: number;
  readonly at: string;
  readonly kpis: readonly (Pace & { kpiCode: string; target: number; actual: number; notified: boolean; eventId?: string })[];
}

/**
 * Compares every KPI of the year with the share of the year elapsed and, for
 * each one behind pace, publishes `kpi.pace.behind.v2` (through the outbox)
 * and logs a warning — at most once per KPI per Asia/Shanghai day, however
 * often the job runs or how many instances run it.
 */
@Injectable()
export class CheckPaceHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly engine: KpiEngine,
    private readonly events: EventPublisher,
    @Inject(RUNTIME_LOGGER) private readonly logger: Logger,
  ) {}

  async check(options: { year?: number; at?: Date } = {}): Promise<PaceCheckResult> {
    const at = options.at ?? new Date();
    const year = options.year ?? shanghaiYear(at);
    const day = shanghaiDate(at);
    const share = elapsedShareOfYear(year, at);
    return this.prisma.$transaction(async (tx) => {
      const definitions = await this.engine.definitions(tx, year);
      const figures = await this.engine.figures(tx, year, at);
      const kpis: PaceCheckResult['kpis'][number][] = [];
      for (const d of definitions) {
        const actual = figures.get(d.kpiCode)?.total ?? 0;
        const pace = paceOf(d.target, actual, share);
        if (!pace.behind) {
          kpis.push({ kpiCode: d.kpiCode, target: d.target, actual, ...pace, notified: false });
          continue;
        }
        const eventId = randomUUID();
        const { count } = await tx.kpiPaceNotice.createMany({ data: [{ year, kpiCode: d.kpiCode, day, eventId }], skipDuplicates: true });
        if (count === 1) {
          await this.events.publish(
            tx,
            EVENTS.kpiBehindPace,
            { year, kpiCode: d.kpiCode, label: d.label, target: d.target, actual, expectedByNow: pace.expected, forecast: pace.forecast, asOf: toShanghaiIso(at) },
            { id: eventId, time: at },
          );
          this.logger.warn({ year, kpiCode: d.kpiCode, target: d.target, actual, expected: pace.expected, forecast: pace.forecast, day }, `KPI ${d.kpiCode} (${d.label.zh}) is behind pace`);
        }
        kpis.push({ kpiCode: d.kpiCode, target: d.target, actual, ...pace, notified: count === 1, ...(count === 1 && { eventId }) });
      }
      return { year, at: toShanghaiIso(at), kpis };
    });
  }
}
