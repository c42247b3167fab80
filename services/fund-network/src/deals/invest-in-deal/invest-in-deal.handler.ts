import { Injectable, NotFoundException } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import { RecordInvestmentHandler } from '../../investments/record-investment/record-investment.handler';
import { InvestmentView } from '../../investments/investment-view.service';
import { PrismaService } from '../../prisma.service';
import { invalidField } from '../../shared/bad-request.service';
import { shanghaiDateOf } from '../../shared/business-time.service';
import type { Caller } from '../../shared/http-context.service';
import { institutionOf } from '../../shared/institution.service';
import { decimalOf, Decimal } from '../../shared/money.service';
import { toDealView, type DealView } from '../deal-view.service';
import { transitionDeal } from '../deal-transition.service';
import type { InvestInDealCommand } from './invest-in-deal.command';

/**
 * The investment committee said yes: the deal becomes `invested`, the
 * investment is recorded and fund.investment.made.v1 is staged, all in one
 * transaction. The event carries transferId / projectId so the KPI service
 * can trace a fund's money back to the landed achievement or found project.
 */
@Injectable()
export class InvestInDealHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly investments: RecordInvestmentHandler,
  ) {}

  execute(id: string, cmd: InvestInDealCommand, caller: Caller): Promise<{ deal: DealView; investment: InvestmentView }> {
    return this.prisma.$transaction(async (tx) => {
      // Lifecycle and version first: a deal not yet before the committee is a 409 whatever the body says.
      const before = await transitionDeal(tx, id, cmd.version, 'invested');
      const fundId = cmd.fundId ?? before.fundId;
      if (fundId === null) throw invalidField('fundId', 'required', 'the deal has no fund yet: give fundId');
      const fund = await tx.fund.findUnique({ where: { id: fundId } });
      if (!fund) throw new NotFoundException(`fund ${fundId} not found`);
      if (fundId !== before.fundId) await tx.deal.update({ where: { id }, data: { fundId } });
      const investedAt = cmd.investedAt === undefined ? undefined : new Date(cmd.investedAt);
      const investment = await this.investments.inTx(
        tx,
        {
          fund,
          investee: cmd.investee ?? institutionOf({ id: before.investeeId, name: before.investeeName, region: before.investeeRegion, type: before.investeeType }),
          amount: decimalOf(cmd.amount),
          round: cmd.round,
          // The refinement guarantees one of the two; the instant decides the date when only it is given.
          investedOn: cmd.investedOn ?? shanghaiDateOf(investedAt ?? new Date()),
          ...(investedAt !== undefined && { investedAt }),
          ...(cmd.equityPercent !== undefined && { equityPercent: new Decimal(cmd.equityPercent) }),
          dealId: id,
          ...(before.transferId !== null && { transferId: before.transferId }),
          ...(before.projectId !== null && { projectId: before.projectId }),
        },
        caller,
      );
      await appendAudit(tx, { ...caller, action: 'deal.invested', entityType: 'deal', entityId: id, detail: { from: before.stage, fundId, investmentId: investment.id, amount: investment.amount } });
      const deal = toDealView(await tx.deal.findUniqueOrThrow({ where: { id }, include: { investment: { select: { id: true } } } }));
      return { deal, investment };
    });
  }
}
