import { Injectable, NotFoundException } from '@nestjs/common';
import type { Page } from '@tjc/runtime';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { toDealView, type DealView } from '../deal-view.service';
import type { ListDealsQuery } from './query-deals.command';

const withInvestment = { investment: { select: { id: true } } } as const;

@Injectable()
export class QueryDealsHandler {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: ListDealsQuery): Promise<Page<DealView>> {
    const where: Prisma.DealWhereInput = {
      ...(query.stage && { stage: query.stage }),
      ...(query.origin && { origin: query.origin }),
      ...(query.fundId && { fundId: query.fundId }),
      ...(query.field && { field: query.field }),
      ...(query.transferId && { transferId: query.transferId }),
      ...(query.projectId && { projectId: query.projectId }),
      ...(query.q && { OR: [{ title: { contains: query.q, mode: 'insensitive' } }, { investeeName: { contains: query.q, mode: 'insensitive' } }] }),
    };
    const [rows, total] = await Promise.all([
      this.prisma.deal.findMany({ where, include: withInvestment, orderBy: [{ [query.sort.field]: query.sort.direction }, { id: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.deal.count({ where }),
    ]);
    return { items: rows.map(toDealView), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<DealView> {
    const deal = await this.prisma.deal.findUnique({ where: { id }, include: withInvestment });
    if (!deal) throw new NotFoundException(`deal ${id} not found`);
    return toDealView(deal);
  }
}
