import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/concurrency';
import type { PageResult } from '../../common/list-query';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { TRANSFER_LABEL } from '../transfer-transition';
import { TRANSFER_INCLUDE, toTransferView, type TransferView } from '../transfer.view';
import type { ListCandidatesQuery, ListTransfersQuery } from './query-transfers.command';

type SortField = ListTransfersQuery['sort']['field'] | ListCandidatesQuery['sort']['field'];

/** Open transfers have no landing date or amount: keep them last in either direction (Prisma takes `nulls` on nullable columns only). */
function orderOf(sort: { field: SortField; direction: 'asc' | 'desc' }): Prisma.TransferOrderByWithRelationInput {
  const nullable = sort.field === 'landedOn' || sort.field === 'contractAmount';
  return { [sort.field]: nullable ? { sort: sort.direction, nulls: 'last' } : sort.direction };
}

@Injectable()
export class QueryTransfersHandler {
  constructor(private readonly prisma: PrismaService) {}

  list(query: ListTransfersQuery): Promise<PageResult<TransferView>> {
    const where: Prisma.TransferWhereInput = {
      ...this.commonWhere(query),
      ...(query.status !== undefined && { status: query.status }),
      ...(query.mode !== undefined && { mode: query.mode }),
      ...(query.receiverPark !== undefined && { receiverPark: query.receiverPark }),
      ...(query.funded !== undefined && { fundedAt: query.funded ? { not: null } : null }),
    };
    return this.page(where, orderOf(query.sort), query);
  }

  candidates(query: ListCandidatesQuery): Promise<PageResult<TransferView>> {
    const where: Prisma.TransferWhereInput = {
      ...this.commonWhere(query),
      status: 'candidate',
      ...(query.offeredBy !== undefined && { offeredBy: query.offeredBy }),
    };
    return this.page(where, orderOf(query.sort), query);
  }

  async get(id: string): Promise<TransferView> {
    const row = await this.prisma.transfer.findUnique({ where: { id }, include: TRANSFER_INCLUDE });
    if (!row) throw notFound(TRANSFER_LABEL, id);
    return toTransferView(row);
  }

  async exists(id: string): Promise<void> {
    if ((await this.prisma.transfer.count({ where: { id } })) === 0) throw notFound(TRANSFER_LABEL, id);
  }

  private commonWhere(query: ListCandidatesQuery | ListTransfersQuery): Prisma.TransferWhereInput {
    return {
      ...(query.originRegion !== undefined && { originRegion: query.originRegion }),
      ...(query.field !== undefined && { field: query.field }),
      ...(query.achievementId !== undefined && { achievementId: query.achievementId }),
      ...(query.projectId !== undefined && { projectId: query.projectId }),
      ...(query.q !== undefined && {
        OR: [{ title: { contains: query.q, mode: 'insensitive' } }, { originName: { contains: query.q, mode: 'insensitive' } }],
      }),
    };
  }

  private async page(where: Prisma.TransferWhereInput, orderBy: Prisma.TransferOrderByWithRelationInput, query: { limit: number; offset: number }): Promise<PageResult<TransferView>> {
    // The id tie-breaker keeps pages stable when many rows share a sort value.
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.transfer.findMany({ where, orderBy: [orderBy, { id: 'asc' }], skip: query.offset, take: query.limit, include: TRANSFER_INCLUDE }),
      this.prisma.transfer.count({ where }),
    ]);
    return { items: rows.map(toTransferView), total, limit: query.limit, offset: query.offset };
  }
}
