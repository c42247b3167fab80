import { Injectable } from '@nestjs/common';
import { EVENTS, FundType, type Institution, type InvestmentRound } from '@tjc/contracts';
import { appendAudit, EventPublisher } from '@tjc/runtime';
import type { Tx } from '../../prisma.service';
import { startOfShanghaiDay, toDbDate } from '../../shared/business-time.service';
import { columnsOf } from '../../shared/institution.service';
import type { Caller } from '../../shared/http-context.service';
import { newId } from '../../shared/ids.service';
import { Decimal, toMoney } from '../../shared/money.service';
import { toInvestmentView, type InvestmentView } from '../investment-view.service';

export interface RecordInvestmentInput {
  readonly fund: { readonly id: string; readonly name: string; readonly type: string };
  readonly investee: Institution;
  readonly amount: Decimal;
  readonly round: InvestmentRound;
  readonly investedOn: string;
  readonly investedAt?: Date;
  readonly equityPercent?: Decimal;
  readonly dealId?: string;
  readonly grantId?: string;
  readonly transferId?: string;
  readonly projectId?: string;
}

/**
 * Records an investment and stages fund.investment.made.v1 inside the
 * CALLER's transaction: investing in a deal and converting a grant both end
 * in an investment, and each must commit its own state change, the
 * investment and the event together or not at all.
 */
@Injectable()
export class RecordInvestmentHandler {
  constructor(private readonly events: EventPublisher) {}

  async inTx(tx: Tx, input: RecordInvestmentInput, caller: Caller): Promise<InvestmentView> {
    const investee = columnsOf(input.investee);
    const investment = await tx.investment.create({
      data: {
        id: newId('inv'),
        fundId: input.fund.id,
        dealId: input.dealId ?? null,
        grantId: input.grantId ?? null,
        investeeId: investee.id,
        investeeName: investee.name,
        investeeRegion: investee.region,
        investeeType: investee.type,
        amount: input.amount,
        round: input.round,
        investedOn: toDbDate(input.investedOn),
        investedAt: input.investedAt ?? null,
        equityPercent: input.equityPercent ?? null,
        transferId: input.transferId ?? null,
        projectId: input.projectId ?? null,
      },
    });
    const view = toInvestmentView(investment);
    const event = await this.events.publish(
      tx,
      EVENTS.fundInvested,
      {
        investmentId: investment.id,
        fund: { id: input.fund.id, name: input.fund.name, type: FundType.schema.parse(input.fund.type) },
        investee: view.investee,
        amount: toMoney(input.amount),
        round: input.round,
        investedOn: input.investedOn,
        ...(input.transferId !== undefined && { transferId: input.transferId }),
        ...(input.projectId !== undefined && { projectId: input.projectId }),
        ...(input.grantId !== undefined && { grantId: input.grantId }),
      },
      // Business time: the demo replays a past year, and KPIs count the Shanghai year of this instant.
      { time: input.investedAt ?? startOfShanghaiDay(input.investedOn) },
    );
    // The audit row names the event this change published: the console's 追踪 link follows it.
    await appendAudit(tx, { ...caller, eventId: event.id, action: 'investment.made', entityType: 'investment', entityId: investment.id, detail: view });
    return view;
  }
}
