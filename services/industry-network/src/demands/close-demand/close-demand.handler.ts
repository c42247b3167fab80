import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../prisma.service';
import { audit, type Actor } from '../../shared/audit';
import { assertVersion, notFound, staleVersion, transitionOrConflict } from '../../shared/http-errors';
import { stateOf } from '../../shared/state-machine';
import { DemandStateMachine } from '../demand.state-machine';
import { demandView, withEnterpriseName } from '../read-demands/read-demands.handler';
import type { CloseDemandCommand } from './close-demand.command';

/** Takes an open demand off the list. No event: the catalogue has none for it, and no consumer needs one. */
@Injectable()
export class CloseDemandHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(id: string, cmd: CloseDemandCommand, who: Actor) {
    return this.prisma.$transaction(async (tx) => {
      const demand = await tx.demand.findUnique({ where: { id } });
      if (!demand) throw notFound('需求 demand', id);
      assertVersion('需求 demand', id, demand.version, cmd.version);
      const from = stateOf(DemandStateMachine, demand.status);
      const to = transitionOrConflict(DemandStateMachine, '需求 demand', id, from, 'close');
      // The status is part of the guard: a concurrent publish must not be overwritten.
      const { count } = await tx.demand.updateMany({ where: { id, version: cmd.version, status: from }, data: { status: to, closedReason: cmd.reason, version: { increment: 1 } } });
      if (count === 0) throw staleVersion('需求 demand', id, (await tx.demand.findUniqueOrThrow({ where: { id } })).version);
      await audit(tx, who, 'demand.closed', 'demand', id, { from, to, reason: cmd.reason });
      return demandView(await tx.demand.findUniqueOrThrow({ where: { id }, include: withEnterpriseName }));
    });
  }
}
