import { Injectable, NotFoundException } from '@nestjs/common';
import { appendAudit, isUniqueViolation } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { toDbDate } from '../../shared/business-time.service';
import { duplicate } from '../../shared/conflicts.service';
import type { Caller } from '../../shared/http-context.service';
import { newId } from '../../shared/ids.service';
import { decimalOf } from '../../shared/money.service';
import { toSubFundView, type SubFundView } from '../fund-view.service';
import type { AddSubFundCommand } from './add-sub-fund.command';

/** Records a sub-fund the fund contributed to, and so the social capital it attracted. */
@Injectable()
export class AddSubFundHandler {
  constructor(private readonly prisma: PrismaService) {}

  async execute(fundId: string, cmd: AddSubFundCommand, caller: Caller): Promise<SubFundView> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const fund = await tx.fund.findUnique({ where: { id: fundId }, select: { id: true } });
        if (!fund) throw new NotFoundException(`fund ${fundId} not found`);
        const subFund = await tx.subFund.create({
          data: {
            id: newId('subfund'),
            fundId,
            name: cmd.name.trim(),
            manager: cmd.manager.trim(),
            size: decimalOf(cmd.size),
            ownContribution: decimalOf(cmd.ownContribution),
            establishedOn: cmd.establishedOn === undefined ? null : toDbDate(cmd.establishedOn),
          },
        });
        const view = toSubFundView(subFund);
        // Audited under the fund, so the fund's trail shows how its sub-funds grew.
        await appendAudit(tx, {
          ...caller,
          action: 'fund.sub-fund-added',
          entityType: 'fund',
          entityId: fundId,
          detail: { subFundId: subFund.id, name: view.name, size: view.size, ownContribution: view.ownContribution, leverage: view.leverage },
        });
        return view;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicate(`fund ${fundId} already has a sub-fund named ${cmd.name}`);
      throw error;
    }
  }
}
