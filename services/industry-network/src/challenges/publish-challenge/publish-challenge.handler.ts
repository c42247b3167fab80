import { Injectable } from '@nestjs/common';
import { EVENTS, IndustryField } from '@tjc/contracts';
import { EventPublisher } from '@tjc/runtime';
import { DemandStateMachine } from '../../demands/demand.state-machine';
import { enterpriseSnapshot } from '../../enterprises/read-enterprises/read-enterprises.handler';
import { PrismaService } from '../../prisma.service';
import { audit, type Actor } from '../../shared/audit';
import { businessTime, toDbDate } from '../../shared/business-time';
import { assertVersion, notFound, staleVersion, transitionOrConflict } from '../../shared/http-errors';
import { newId } from '../../shared/ids';
import { stateOf } from '../../shared/state-machine';
import { challengeView } from '../read-challenges/read-challenges.handler';
import type { PublishChallengeCommand } from './publish-challenge.command';

/**
 * Publishes an open demand as an open challenge (揭榜挂帅). The demand moves
 * to published-as-challenge in the same transaction, so a demand has at most
 * one live challenge and cannot be closed under its applicants.
 */
@Injectable()
export class PublishChallengeHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
  ) {}

  execute(cmd: PublishChallengeCommand, who: Actor) {
    const published = businessTime(cmd.publishedOn);
    return this.prisma.$transaction(async (tx) => {
      const demand = await tx.demand.findUnique({ where: { id: cmd.demandId }, include: { enterprise: true } });
      if (!demand) throw notFound('需求 demand', cmd.demandId, 'demandId');
      if (cmd.demandVersion !== undefined) assertVersion('需求 demand', demand.id, demand.version, cmd.demandVersion);
      const from = stateOf(DemandStateMachine, demand.status);
      const to = transitionOrConflict(DemandStateMachine, '需求 demand', demand.id, from, 'publish-as-challenge');
      const { count } = await tx.demand.updateMany({ where: { id: demand.id, status: from, version: demand.version }, data: { status: to, version: { increment: 1 } } });
      if (count === 0) throw staleVersion('需求 demand', demand.id, (await tx.demand.findUniqueOrThrow({ where: { id: demand.id } })).version);

      const id = newId('ch');
      const enterprise = enterpriseSnapshot(demand.enterprise);
      const title = cmd.title ?? `${demand.title}揭榜挂帅`;
      const row = await tx.challenge.create({
        data: {
          id,
          demandId: demand.id,
          title,
          field: demand.field,
          enterprise,
          enterpriseId: enterprise.id,
          reward: cmd.reward.amount,
          deadline: toDbDate(cmd.deadline),
          publishedViaHq: cmd.publishedViaHq,
          publishedOn: toDbDate(published.date),
          status: 'published',
        },
      });
      const event = await this.events.publish(
        tx,
        EVENTS.challengePublished,
        { challengeId: id, demandId: demand.id, title, field: IndustryField.schema.parse(row.field), enterprise, reward: cmd.reward, deadline: cmd.deadline, publishedViaHq: cmd.publishedViaHq },
        { time: published.time },
      );
      // The audit row names the event this change published: the console's 追踪 link follows it.
      await audit(tx, { ...who, eventId: event.id }, 'challenge.published', 'challenge', id, { demandId: demand.id, title, reward: cmd.reward, deadline: cmd.deadline, publishedViaHq: cmd.publishedViaHq, publishedOn: published.date });
      await audit(tx, { ...who, eventId: event.id }, 'demand.published-as-challenge', 'demand', demand.id, { from, to, challengeId: id });
      return challengeView(row);
    });
  }
}
