import { Injectable } from '@nestjs/common';
import { actorOf, type Principal } from '@tjc/auth';
import { EVENTS } from '@tjc/contracts';
import { appendAudit, publishInTx } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import type { SetTargetCommand, TargetParams } from './set-target.command';

/**
 * The center sets a KPI of a year. The setting is an event
 * (`center.kpi.target-set.v1`, source `tjc/center`, through the outbox); this
 * service applies it when it consumes it, like every other instance and
 * consumer would — so the event history alone rebuilds the definitions.
 */
@Injectable()
export class SetTargetHandler {
  constructor(private readonly prisma: PrismaService) {}

  async set(params: TargetParams, command: SetTargetCommand, principal: Principal, requestId?: string) {
    return this.prisma.$transaction(async (tx) => {
      const actor = actorOf(principal);
      // The runtime's EventPublisher publishes as this service (tjc/kpi); a
      // KPI setting is the center's decision and only tjc/center may publish it.
      const event = await publishInTx(tx, EVENTS.kpiTargetSet, { year: params.year, kpiCode: params.kpiCode, ...command }, { source: 'tjc/center' });
      await appendAudit(tx, {
        actor,
        action: 'kpi.target.set',
        entityType: 'kpi-target',
        entityId: `${params.year}/${params.kpiCode}`,
        eventId: event.id,
        ...(requestId && { requestId }),
        detail: { target: command.target, eventTypes: command.eventTypes, filters: command.filters, counting: command.counting, regionPath: command.regionPath ?? null },
      });
      return { status: 'accepted', eventId: event.id, year: params.year, kpiCode: params.kpiCode, time: event.time };
    });
  }
}
