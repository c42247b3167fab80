import { Injectable, NotFoundException } from '@nestjs/common';
import { appendAudit, isUniqueViolation } from '@tjc/runtime';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { toDbDate } from '../../shared/business-time.service';
import { duplicate, staleVersion } from '../../shared/conflicts.service';
import type { Caller } from '../../shared/http-context.service';
import { decimalOf } from '../../shared/money.service';
import { toFundView, type FundView } from '../fund-view.service';
import type { UpdateFundCommand } from './update-fund.command';

@Injectable()
export class UpdateFundHandler {
  constructor(private readonly prisma: PrismaService) {}

  async execute(id: string, cmd: UpdateFundCommand, caller: Caller): Promise<FundView> {
    const { version, ...changes } = cmd;
    const data: Prisma.FundUpdateManyMutationInput = { version: { increment: 1 } };
    if (changes.name !== undefined) data.name = changes.name.trim();
    if (changes.manager !== undefined) data.manager = changes.manager.trim();
    if (changes.size !== undefined) data.size = decimalOf(changes.size);
    if (changes.establishedOn !== undefined) data.establishedOn = changes.establishedOn === null ? null : toDbDate(changes.establishedOn);
    if (changes.description !== undefined) data.description = changes.description;
    try {
      return await this.prisma.$transaction(async (tx) => {
        const current = await tx.fund.findUnique({ where: { id } });
        if (!current) throw new NotFoundException(`fund ${id} not found`);
        if (current.version !== version) throw staleVersion('fund', id, current.version);
        // WHERE id AND version: a concurrent writer that committed first makes this match 0 rows.
        const { count } = await tx.fund.updateMany({ where: { id, version }, data });
        if (count === 0) throw staleVersion('fund', id, (await tx.fund.findUniqueOrThrow({ where: { id } })).version);
        await appendAudit(tx, { ...caller, action: 'fund.updated', entityType: 'fund', entityId: id, detail: { fromVersion: version, changes } });
        return toFundView(await tx.fund.findUniqueOrThrow({ where: { id } }));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicate(`a fund named ${changes.name ?? ''} already exists`);
      throw error;
    }
  }
}
