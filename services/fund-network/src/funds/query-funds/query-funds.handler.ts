import { Injectable, NotFoundException } from '@nestjs/common';
import type { Page } from '@tjc/runtime';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { Decimal, toMoney } from '../../shared/money.service';
import { leverageSummary } from '../fund-leverage.service';
import { toFundView, toLeverageView, toSubFundView, type FundDetailView, type FundView, type SubFundView } from '../fund-view.service';
import type { ListFundsQuery, ListSubFundsQuery } from './query-funds.command';

const zero = new Decimal(0);

@Injectable()
export class QueryFundsHandler {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: ListFundsQuery): Promise<Page<FundView>> {
    const where: Prisma.FundWhereInput = {
      ...(query.type && { type: query.type }),
      ...(query.q && { OR: [{ name: { contains: query.q, mode: 'insensitive' } }, { manager: { contains: query.q, mode: 'insensitive' } }] }),
    };
    const [rows, total] = await Promise.all([
      this.prisma.fund.findMany({ where, orderBy: [{ [query.sort.field]: query.sort.direction }, { id: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.fund.count({ where }),
    ]);
    return { items: rows.map(toFundView), total, limit: query.limit, offset: query.offset };
  }

  /** One fund with its leverage over all sub-funds and its portfolio (both views of converted grants). */
  async get(id: string): Promise<FundDetailView> {
    const fund = await this.prisma.fund.findUnique({ where: { id } });
    if (!fund) throw new NotFoundException(`fund ${id} not found`);
    const [subFunds, investments, fromTransfers, grants, converted] = await Promise.all([
      this.prisma.subFund.findMany({ where: { fundId: id }, select: { size: true, ownContribution: true } }),
      this.prisma.investment.aggregate({ where: { fundId: id }, _count: true, _sum: { amount: true } }),
      this.prisma.investment.aggregate({ where: { fundId: id, transferId: { not: null } }, _count: true, _sum: { amount: true } }),
      this.prisma.grant.aggregate({ where: { fundId: id }, _count: true, _sum: { amount: true } }),
      this.prisma.grant.aggregate({ where: { fundId: id, status: 'converted' }, _count: true, _sum: { amount: true, convertedAmount: true } }),
    ]);
    return {
      ...toFundView(fund),
      subFunds: toLeverageView(leverageSummary(subFunds)),
      portfolio: {
        investments: { count: investments._count, amount: toMoney(investments._sum.amount ?? zero) },
        investmentsFromTransfers: { count: fromTransfers._count, amount: toMoney(fromTransfers._sum.amount ?? zero) },
        grants: { count: grants._count, amount: toMoney(grants._sum.amount ?? zero) },
        convertedGrants: {
          count: converted._count,
          grantAmount: toMoney(converted._sum.amount ?? zero),
          convertedAmount: toMoney(converted._sum.convertedAmount ?? zero),
        },
      },
    };
  }

  async subFunds(fundId: string, query: ListSubFundsQuery): Promise<Page<SubFundView>> {
    const fund = await this.prisma.fund.findUnique({ where: { id: fundId }, select: { id: true } });
    if (!fund) throw new NotFoundException(`fund ${fundId} not found`);
    const where = { fundId };
    const [rows, total] = await Promise.all([
      this.prisma.subFund.findMany({ where, orderBy: [{ [query.sort.field]: query.sort.direction }, { id: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.subFund.count({ where }),
    ]);
    return { items: rows.map(toSubFundView), total, limit: query.limit, offset: query.offset };
  }

  async exists(id: string): Promise<void> {
    if (!(await this.prisma.fund.findUnique({ where: { id }, select: { id: true } }))) throw new NotFoundException(`fund ${id} not found`);
  }
}
