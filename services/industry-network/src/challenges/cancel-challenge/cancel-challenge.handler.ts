import { Injectable } from '@nestjs/common';
import { DemandStateMachine } from '../../demands/demand.state-machine';
import { PrismaService } from '../../prisma.service';
import { audit, type Actor } from '../../shared/audit';
import { assertVersion, notFound, staleVersion, transitionOrConflict } from '../../shared/http-errors';
import { stateOf } from '../../shared/state-machine';
import { ChallengeStateMachine } from '../challenge.state-machine';
import { challengeView } from '../read-challenges/read-challenges.handler';
import type { CancelChallengeCommand } from './cancel-challenge.command';

/**
 * Withdraws a published challenge; its demand goes back to the open list.
 * No event: the catalogue has no cancellation type and no consumer counts it.
 */
@Injectable()
export class CancelChallengeHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(id: string, cmd: CancelChallengeCommand, who: Actor) {
    return this.prisma.$transaction(async (tx) => {
      const challenge = await tx.challenge.findUnique({ where: { id }, include: { demand: true } });
      if (!challenge) throw notFound('榜单 challenge', id);
      assertVersion('榜单 challenge', id, challenge.version, cmd.version);
      const from = stateOf(ChallengeStateMachine, challenge.status);
      const to = transitionOrConflict(ChallengeStateMachine, '榜单 challenge', id, from, 'cancel');
      const { count } = await tx.challenge.updateMany({ where: { id, version: cmd.version, status: from }, data: { status: to, cancelReason: cmd.reason, version: { increment: 1 } } });
      if (count === 0) throw staleVersion('榜单 challenge', id, (await tx.challenge.findUniqueOrThrow({ where: { id } })).version);

      const demand = challenge.demand;
      const demandFrom = stateOf(DemandStateMachine, demand.status);
      const demandTo = transitionOrConflict(DemandStateMachine, '需求 demand', demand.id, demandFrom, 'challenge-cancelled');
      await tx.demand.update({ where: { id: demand.id }, data: { status: demandTo, version: { increment: 1 } } });

      await audit(tx, who, 'challenge.cancelled', 'challenge', id, { from, to, reason: cmd.reason });
      await audit(tx, who, 'demand.reopened', 'demand', demand.id, { from: demandFrom, to: demandTo, challengeId: id, reason: cmd.reason });
      return challengeView(await tx.challenge.findUniqueOrThrow({ where: { id } }));
    });
  }
}
