import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import type { Caller } from '../../shared/http-context.service';
import { toDealView, type DealView } from '../deal-view.service';
import { transitionDeal } from '../deal-transition.service';
import type { DeclineDealCommand } from './decline-deal.command';

@Injectable()
export class DeclineDealHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(id: string, cmd: DeclineDealCommand, caller: Caller): Promise<DealView> {
    return this.prisma.$transaction(async (tx) => {
      const reason = cmd.reason.trim();
      const before = await transitionDeal(tx, id, cmd.version, 'declined', { declineReason: reason });
      await appendAudit(tx, { ...caller, action: 'deal.declined', entityType: 'deal', entityId: id, detail: { from: before.stage, reason } });
      return toDealView(await tx.deal.findUniqueOrThrow({ where: { id }, include: { investment: { select: { id: true } } } }));
    });
  }
}
