import { Injectable } from '@nestjs/common';
import { appendAudit, isUniqueViolation } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { toDbDate } from '../../shared/business-time.service';
import { duplicate } from '../../shared/conflicts.service';
import type { Caller } from '../../shared/http-context.service';
import { newId } from '../../shared/ids.service';
import { decimalOf } from '../../shared/money.service';
import { toFundView, type FundView } from '../fund-view.service';
import type { RegisterFundCommand } from './register-fund.command';

/** Registers a policy fund of the network. No catalogue event: funds are master data; investments and grants are the facts. */
@Injectable()
export class RegisterFundHandler {
  constructor(private readonly prisma: PrismaService) {}

  async execute(cmd: RegisterFundCommand, caller: Caller): Promise<FundView> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const fund = await tx.fund.create({
          data: {
            id: cmd.id ?? newId('fund'),
            name: cmd.name.trim(),
            type: cmd.type,
            manager: cmd.manager.trim(),
            size: decimalOf(cmd.size),
            establishedOn: cmd.establishedOn === undefined ? null : toDbDate(cmd.establishedOn),
            description: cmd.description ?? null,
          },
        });
        await appendAudit(tx, { ...caller, action: 'fund.registered', entityType: 'fund', entityId: fund.id, detail: { ...cmd, id: fund.id } });
        return toFundView(fund);
      });
    } catch (error) {
      // Name and id are unique: a second registration of 天开园创业种子基金 is a conflict, not a new fund.
      if (isUniqueViolation(error)) throw duplicate(`a fund with this id or name already exists: ${cmd.id ?? cmd.name}`);
      throw error;
    }
  }
}
