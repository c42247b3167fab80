import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import type { Caller } from '../../shared/http-context.service';
import { toDealView, type DealView } from '../deal-view.service';
import { transitionDeal } from '../deal-transition.service';
import type { AdvanceDealCommand } from './advance-deal.command';

/** Moves a deal into due diligence or before the investment committee. No catalogue event: only the investment is a fact others count. */
@Injectable()
export class AdvanceDealHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(id: string, cmd: AdvanceDealCommand, caller: Caller): Promise<DealView> {
    return this.prisma.$transaction(async (tx) => {
      const before = await transitionDeal(tx, id, cmd.version, cmd.to);
      await appendAudit(tx, { ...caller, action: 'deal.advanced', entityType: 'deal', entityId: id, detail: { from: before.stage, to: cmd.to, ...(cmd.note !== undefined && { note: cmd.note }) } });
      return toDealView(await tx.deal.findUniqueOrThrow({ where: { id }, include: { investment: { select: { id: true } } } }));
    });
  }
}
