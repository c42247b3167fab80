import { Injectable, NotFoundException } from '@nestjs/common';
import type { Page } from '@tjc/runtime';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { toDbDate } from '../../shared/business-time.service';
import { toInvestmentView, type InvestmentView } from '../investment-view.service';
import type { ListInvestmentsQuery } from './query-investments.command';

@Injectable()
export class QueryInvestmentsHandler {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: ListInvestmentsQuery): Promise<Page<InvestmentView>> {
    const where: Prisma.InvestmentWhereInput = {
      ...(query.fundId && { fundId: query.fundId }),
      ...(query.round && { round: query.round }),
      ...(query.dealId && { dealId: query.dealId }),
      ...(query.grantId && { grantId: query.grantId }),
      ...(query.transferId && { transferId: query.transferId }),
      ...(query.projectId && { projectId: query.projectId }),
      ...((query.investedFrom || query.investedTo) && {
        investedOn: {
          ...(query.investedFrom && { gte: toDbDate(query.investedFrom) }),
          ...(query.investedTo && { lte: toDbDate(query.investedTo) }),
        },
      }),
    };
    const [rows, total] = await Promise.all([
      this.prisma.investment.findMany({ where, orderBy: [{ [query.sort.field]: query.sort.direction }, { id: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.investment.count({ where }),
    ]);
    return { items: rows.map(toInvestmentView), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<InvestmentView> {
    const investment = await this.prisma.investment.findUnique({ where: { id } });
    if (!investment) throw new NotFoundException(`investment ${id} not found`);
    return toInvestmentView(investment);
  }
}
