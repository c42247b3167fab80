import { Injectable, NotFoundException } from '@nestjs/common';
import type { Page } from '@tjc/runtime';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { grantLinks, toGrantView, type GrantView } from '../grant-view.service';
import type { ListGrantsQuery } from './query-grants.command';

@Injectable()
export class QueryGrantsHandler {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: ListGrantsQuery): Promise<Page<GrantView>> {
    const where: Prisma.GrantWhereInput = {
      ...(query.fundId && { fundId: query.fundId }),
      ...(query.status && { status: query.status }),
      ...(query.convertible !== undefined && { convertible: query.convertible }),
      ...(query.projectId && { projectId: query.projectId }),
      ...(query.q && { granteeName: { contains: query.q, mode: 'insensitive' } }),
    };
    const [rows, total] = await Promise.all([
      this.prisma.grant.findMany({ where, include: grantLinks, orderBy: [{ [query.sort.field]: query.sort.direction }, { id: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.grant.count({ where }),
    ]);
    return { items: rows.map(toGrantView), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<GrantView> {
    const grant = await this.prisma.grant.findUnique({ where: { id }, include: grantLinks });
    if (!grant) throw new NotFoundException(`grant ${id} not found`);
    return toGrantView(grant);
  }
}
