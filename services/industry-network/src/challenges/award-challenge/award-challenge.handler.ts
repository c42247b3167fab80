import { Injectable } from '@nestjs/common';
import { Enterprise, EVENTS, Institution } from '@tjc/contracts';
import { EventPublisher } from '@tjc/runtime';
import { proposalDecision, proposeConsortiumFromAward } from '../../consortia/propose-consortium/propose-consortium.handler';
import { DemandStateMachine } from '../../demands/demand.state-machine';
import { PrismaService } from '../../prisma.service';
import { audit, type Actor } from '../../shared/audit';
import { businessTime, toDbDate } from '../../shared/business-time';
import { assertVersion, fieldError, notFound, staleVersion, transitionOrConflict } from '../../shared/http-errors';
import { toMoney } from '../../shared/money';
import { stateOf } from '../../shared/state-machine';
import { ChallengeStateMachine } from '../challenge.state-machine';
import { applicationView, challengeView } from '../read-challenges/read-challenges.handler';
import { awardExceedsReward, type AwardChallengeCommand } from './award-challenge.command';

/**
 * Awards a published challenge to one applicant, in one transaction: the
 * challenge is awarded, the other applications are not selected, the demand
 * is met (closed), a consortium proposal is created when the pair qualifies,
 * and industry.challenge.awarded.v1 is staged in the outbox.
 */
@Injectable()
export class AwardChallengeHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
  ) {}

  execute(id: string, cmd: AwardChallengeCommand, who: Actor) {
    const awarded = businessTime(cmd.awardedOn);
    return this.prisma.$transaction(async (tx) => {
      const challenge = await tx.challenge.findUnique({ where: { id }, include: { demand: true } });
      if (!challenge) throw notFound('榜单 challenge', id);
      assertVersion('榜单 challenge', id, challenge.version, cmd.version);
      const from = stateOf(ChallengeStateMachine, challenge.status);
      const to = transitionOrConflict(ChallengeStateMachine, '榜单 challenge', id, from, 'award');
      const application = await tx.challengeApplication.findFirst({ where: { id: cmd.applicationId, challengeId: id } });
      if (!application) throw notFound('揭榜申请 application', cmd.applicationId, 'applicationId');
      const reward = toMoney(challenge.reward);
      const amount = cmd.amount ?? reward;
      if (awardExceedsReward(amount.amount, reward.amount)) {
        throw fieldError('amount.amount', 'exceeds_reward', `揭榜金额不得超过榜单金额 ${reward.amount} / may not exceed the reward`);
      }

      const { count } = await tx.challenge.updateMany({
        where: { id, version: cmd.version, status: from },
        data: { status: to, awardedApplicationId: application.id, awardAmount: amount.amount, awardedOn: toDbDate(awarded.date), version: { increment: 1 } },
      });
      if (count === 0) throw staleVersion('榜单 challenge', id, (await tx.challenge.findUniqueOrThrow({ where: { id } })).version);
      await tx.challengeApplication.update({ where: { id: application.id }, data: { status: 'awarded' } });
      await tx.challengeApplication.updateMany({ where: { challengeId: id, id: { not: application.id } }, data: { status: 'not-selected' } });

      const demand = challenge.demand;
      const demandFrom = stateOf(DemandStateMachine, demand.status);
      const demandTo = transitionOrConflict(DemandStateMachine, '需求 demand', demand.id, demandFrom, 'challenge-awarded');
      await tx.demand.update({ where: { id: demand.id }, data: { status: demandTo, closedReason: `揭榜挂帅 ${id} 已揭榜`, version: { increment: 1 } } });

      const winner = Institution.parse(applicationView(application).institution);
      const lead = Enterprise.parse(challenge.enterprise);
      const decision = proposalDecision(lead, winner);
      const consortiumProposalId = decision.propose
        ? await proposeConsortiumFromAward(tx, who, { challengeId: id, demandTitle: demand.title, field: challenge.field, lead, winner })
        : null;

      const event = await this.events.publish(tx, EVENTS.challengeAwarded, { challengeId: id, applicationId: application.id, winner, amount }, { time: awarded.time });
      // The audit row names the event this change published: the console's 追踪 link follows it.
      await audit(tx, { ...who, eventId: event.id }, 'challenge.awarded', 'challenge', id, {
        from,
        to,
        applicationId: application.id,
        winner,
        amount,
        awardedOn: awarded.date,
        consortiumProposalId,
        ...(!decision.propose && { noProposalBecause: decision.reason }),
      });
      await audit(tx, { ...who, eventId: event.id }, 'demand.closed', 'demand', demand.id, { from: demandFrom, to: demandTo, byChallenge: id });
      return { ...challengeView(await tx.challenge.findUniqueOrThrow({ where: { id } })), consortiumProposalId };
    });
  }
}
