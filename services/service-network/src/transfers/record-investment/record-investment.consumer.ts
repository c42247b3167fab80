import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type PlatformEvent } from '@tjc/contracts';
import { appendAudit, OnEvent, PermanentError, type ReliableEventContext } from '@tjc/runtime';
import { toDbDate } from '../../common/business-time';
import type { Tx } from '../../prisma.service';

/**
 * A fund invested in a landed transfer: the transfer is marked funded and the
 * investment kept (a project may raise several rounds). Investments without a
 * transferId are about other projects and are none of this service's business.
 */
@Controller()
export class RecordInvestmentConsumer {
  @OnEvent(EVENTS.fundInvested)
  async onFundInvested(@Payload() event: PlatformEvent<'fund.investment.made.v1'>, @Ctx() ctx: ReliableEventContext<Tx>): Promise<void> {
    const d = event.data;
    if (d.transferId === undefined) return;
    const transfer = await ctx.tx.transfer.findUnique({ where: { id: d.transferId } });
    // Retrying cannot make an unknown or unlanded transfer appear: dead-letter
    // it at once so ops can see the mismatch with the fund network.
    if (!transfer) throw new PermanentError(`investment ${d.investmentId} names unknown transfer ${d.transferId}`);
    if (transfer.status !== 'landed') throw new PermanentError(`investment ${d.investmentId} names transfer ${d.transferId} in state ${transfer.status}, not landed`);
    // The inbox stops redelivery of this event; this stops a re-publication of
    // the same investment under a new event id from counting twice.
    if (await ctx.tx.transferInvestment.findUnique({ where: { investmentId: d.investmentId } })) return;

    await ctx.tx.transferInvestment.create({
      data: { investmentId: d.investmentId, transferId: transfer.id, fundId: d.fund.id, fundName: d.fund.name, amount: d.amount.amount, investedOn: toDbDate(d.investedOn), eventId: event.id },
    });
    await ctx.tx.transfer.update({
      where: { id: transfer.id },
      data: { fundedAt: transfer.fundedAt ?? new Date(event.time), version: { increment: 1 } },
    });
    await appendAudit(ctx.tx, {
      actor: `event:${event.source}`,
      action: 'transfer.funded',
      entityType: 'transfer',
      entityId: transfer.id,
      eventId: event.id,
      detail: { investmentId: d.investmentId, fund: d.fund, amount: d.amount, investedOn: d.investedOn },
    });
  }
}
