import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { Enterprise as EnterpriseSnapshot, IndustryField, Region } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import type { Enterprise } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { readAudit } from '../../shared/audit';
import { notFound } from '../../shared/http-errors';
import { orderByOf, pageOf } from '../../shared/lists';
import { QueryBool } from '../../shared/business-time';

export const ListEnterprisesQuery = PageQuery.extend({
  field: IndustryField.schema.optional(),
  region: Region.schema.optional(),
  isKeyEnterprise: QueryBool.optional(),
  isChainLeader: QueryBool.optional(),
  industryChain: z.string().min(1).max(100).optional(),
  q: z.string().min(1).max(100).optional().meta({ description: '按名称模糊查询 / Name contains' }),
  sort: sortParam(['name', 'createdAt', 'updatedAt'], 'name'),
});
export type ListEnterprisesQuery = z.output<typeof ListEnterprisesQuery>;

export function enterpriseView(e: Enterprise) {
  return {
    id: e.id,
    name: e.name,
    region: e.region,
    industryChain: e.industryChain,
    field: e.field,
    isKeyEnterprise: e.isKeyEnterprise,
    isChainLeader: e.isChainLeader,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** The enterprise as events carry it, validated against the contract (a bad stored value fails here, not at a partner). */
export function enterpriseSnapshot(e: Enterprise): EnterpriseSnapshot {
  return EnterpriseSnapshot.parse({ id: e.id, name: e.name, region: e.region, isKeyEnterprise: e.isKeyEnterprise, isChainLeader: e.isChainLeader, field: e.field });
}

@Injectable()
export class ReadEnterprisesHandler {
  constructor(private readonly prisma: PrismaService) {}

  async list(q: ListEnterprisesQuery) {
    const where = {
      ...(q.field !== undefined && { field: q.field }),
      ...(q.region !== undefined && { region: q.region }),
      ...(q.isKeyEnterprise !== undefined && { isKeyEnterprise: q.isKeyEnterprise }),
      ...(q.isChainLeader !== undefined && { isChainLeader: q.isChainLeader }),
      ...(q.industryChain !== undefined && { industryChain: q.industryChain }),
      ...(q.q !== undefined && { name: { contains: q.q } }),
    };
    // One snapshot for the page and its total, so they never disagree under concurrent writes.
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.enterprise.findMany({ where, orderBy: orderByOf(q.sort), skip: q.offset, take: q.limit }),
      this.prisma.enterprise.count({ where }),
    ], { isolationLevel: 'RepeatableRead' });
    return pageOf(rows.map(enterpriseView), total, q);
  }

  async get(id: string) {
    const row = await this.prisma.enterprise.findUnique({ where: { id } });
    if (!row) throw notFound('企业 enterprise', id);
    return enterpriseView(row);
  }

  async audit(id: string) {
    await this.get(id);
    return readAudit(this.prisma, 'enterprise', id);
  }
}
