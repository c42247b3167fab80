import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { actorOf, type Principal } from '@tjc/auth';
import { toShanghaiIso } from '@tjc/contracts';
import { appendAudit } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { KpiCache } from '../kpi-cache.service';
import { KpiEngine } from '../../engine/kpi-engine.service';

/**
 * Closes a year: its figures are the reported ones from now on. Later
 * changes (late events, corrections, new counting rules) still apply, and
 * each one is recorded as a restatement against the values in force.
 */
@Injectable()
export class CloseYearHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly engine: KpiEngine,
    private readonly cache: KpiCache,
  ) {}

  async close(year: number, principal: Principal, requestId?: string) {
    const result = await this.prisma.$transaction(async (tx) => {
      // Exclusive: no batch is applying events to the year while its values are taken, and every batch after
      // this commit sees the year closed, so a later change is always a restatement (closing is rare).
      await this.engine.lockEngineExclusive(tx);
      const definitions = await this.engine.definitions(tx, year);
      if (definitions.length === 0) throw new NotFoundException(`no KPIs are defined for ${year}`);
      const state = await tx.kpiYearState.findUnique({ where: { year } });
      if (state?.closedAt) {
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `${year} is already closed`, currentState: 'closed', allowedTransitions: [] });
      }
      const current = await this.engine.figures(tx, year);
      const values = Object.fromEntries(definitions.map((d) => [d.kpiCode, current.get(d.kpiCode)?.total ?? 0]));
      const closedAt = new Date();
      const actor = actorOf(principal);
      await tx.kpiYearState.upsert({
        where: { year },
        create: { year, closedAt, closedBy: actor, closedValues: values },
        update: { closedAt, closedBy: actor, closedValues: values, version: { increment: 1 } },
      });
      await appendAudit(tx, { actor, action: 'kpi.year.closed', entityType: 'kpi-year', entityId: String(year), ...(requestId && { requestId }), detail: { values } });
      return { year, state: 'closed', closedAt: toShanghaiIso(closedAt), closedBy: actor, values };
    });
    await this.cache.invalidate(year);
    return result;
  }
}
