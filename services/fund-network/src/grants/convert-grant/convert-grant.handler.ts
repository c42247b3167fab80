import { Injectable } from '@nestjs/common';
import { EVENTS } from '@tjc/contracts';
import { appendAudit, EventPublisher } from '@tjc/runtime';
import { RecordInvestmentHandler } from '../../investments/record-investment/record-investment.handler';
import type { InvestmentView } from '../../investments/investment-view.service';
import { PrismaService } from '../../prisma.service';
import { invalidField } from '../../shared/bad-request.service';
import { fromDbDate, startOfShanghaiDay, toDbDate } from '../../shared/business-time.service';
import { invalidTransition } from '../../shared/conflicts.service';
import type { Caller } from '../../shared/http-context.service';
import { Decimal, decimalOf, toMoney } from '../../shared/money.service';
import { loadGrantForWrite, reloadGrant, updateGrantGuarded } from '../grant-transition.service';
import { statusOf, toGrantView, type GrantView } from '../grant-view.service';
import { conversionRefusal } from '../grant.state-machine';
import type { ConvertGrantCommand } from './convert-grant.command';

/**
 * 拨转投: a convertible grant whose milestones are met becomes an equity
 * investment. One transaction: the grant moves to `converted`, the
 * investment is recorded (round grant-conversion, grantId set), and both
 * fund.investment.made.v1 and fund.grant.converted.v1 are staged. The grant
 * is kept, so the fund's returns from transfers stay traceable both ways.
 */
@Injectable()
export class ConvertGrantHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
    private readonly investments: RecordInvestmentHandler,
  ) {}

  execute(id: string, cmd: ConvertGrantCommand, caller: Caller): Promise<{ grant: GrantView; investment: InvestmentView }> {
    return this.prisma.$transaction(async (tx) => {
      const grant = await loadGrantForWrite(tx, id, cmd.version);
      const status = statusOf(grant);
      const convertedAmount = decimalOf(cmd.convertedAmount);
      const refusal = conversionRefusal({ status, convertible: grant.convertible, amount: grant.amount, convertedAmount: grant.convertedAmount }, convertedAmount);
      if (refusal?.kind === 'transition') throw invalidTransition(`grant ${id}: ${refusal.reason}`, refusal.currentState, refusal.allowedTransitions);
      if (refusal?.kind === 'amount') throw invalidField('convertedAmount.amount', 'exceeds_grant', refusal.reason);
      if (cmd.convertedOn < fromDbDate(grant.awardedOn)) throw invalidField('convertedOn', 'before_award', `must not be before the award date ${fromDbDate(grant.awardedOn)}`);

      const fund = await tx.fund.findUniqueOrThrow({ where: { id: grant.fundId } });
      const grantView = toGrantView(grant);
      const investment = await this.investments.inTx(
        tx,
        {
          fund,
          investee: grantView.grantee,
          amount: convertedAmount,
          round: 'grant-conversion',
          investedOn: cmd.convertedOn,
          equityPercent: new Decimal(cmd.equityPercent),
          grantId: id,
          ...(grant.projectId !== null && { projectId: grant.projectId }),
        },
        caller,
      );
      await updateGrantGuarded(tx, id, cmd.version, {
        status: 'converted',
        convertedAmount,
        equityPercent: new Decimal(cmd.equityPercent),
        convertedOn: toDbDate(cmd.convertedOn),
        conversionNote: cmd.note ?? null,
      });
      const event = await this.events.publish(
        tx,
        EVENTS.grantConverted,
        {
          grantId: id,
          investmentId: investment.id,
          convertedAmount: toMoney(convertedAmount),
          equityPercent: investment.equityPercent ?? cmd.equityPercent,
          convertedOn: cmd.convertedOn,
          ...(cmd.note !== undefined && { note: cmd.note }),
        },
        { time: startOfShanghaiDay(cmd.convertedOn) },
      );
      // The audit row names the event this change published: the console's 追踪 link follows it.
      await appendAudit(tx, {
        ...caller,
        eventId: event.id,
        action: 'grant.converted',
        entityType: 'grant',
        entityId: id,
        detail: { investmentId: investment.id, convertedAmount: cmd.convertedAmount, equityPercent: cmd.equityPercent, convertedOn: cmd.convertedOn },
      });
      return { grant: toGrantView(await reloadGrant(tx, id)), investment };
    });
  }
}
