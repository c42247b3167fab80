import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/concurrency';
import type { PageResult } from '../../common/list-query';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { FUNDING_LABEL, toFundingApplicationView, type FundingApplicationView } from '../funding-application.view';
import type { ListFundingApplicationsQuery } from './query-funding-applications.command';

@Injectable()
export class QueryFundingApplicationsHandler {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: ListFundingApplicationsQuery): Promise<PageResult<FundingApplicationView>> {
    const where: Prisma.FundingApplicationWhereInput = {
      ...(query.status !== undefined && { status: query.status }),
      ...(query.transferId !== undefined && { transferId: query.transferId }),
    };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.fundingApplication.findMany({ where, orderBy: [
          // Unreviewed applications have no score: last in either direction (nulls only on nullable columns).
          { [query.sort.field]: query.sort.field === 'reviewScore' ? { sort: query.sort.direction, nulls: 'last' } : query.sort.direction },
          { id: 'asc' },
        ], skip: query.offset, take: query.limit }),
      this.prisma.fundingApplication.count({ where }),
    ]);
    return { items: rows.map(toFundingApplicationView), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<FundingApplicationView> {
    const row = await this.prisma.fundingApplication.findUnique({ where: { id } });
    if (!row) throw notFound(FUNDING_LABEL, id);
    return toFundingApplicationView(row);
  }
}
