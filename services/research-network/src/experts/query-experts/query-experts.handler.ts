import { Injectable } from '@nestjs/common';
import type { Page } from '@tjc/runtime';
import { notFound } from '../../common/http-errors';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { toExpertView, type ExpertView } from '../experts.service';
import type { ListExpertsQuery } from './query-experts.command';

@Injectable()
export class QueryExpertsHandler {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: ListExpertsQuery): Promise<Page<ExpertView>> {
    const filters: Prisma.ExpertWhereInput[] = [];
    if (query.field) filters.push({ fields: { has: query.field } });
    if (query.region) filters.push({ region: query.region });
    if (query.institution) filters.push({ institutionName: { contains: query.institution } });
    if (query.active !== undefined) filters.push({ active: query.active });
    if (query.q) filters.push({ name: { contains: query.q, mode: 'insensitive' } });
    if (query.eligibleFor) {
      const project = await this.prisma.project.findUnique({ where: { id: query.eligibleFor }, select: { field: true, institutionName: true } });
      if (!project) throw notFound('project', query.eligibleFor);
      // A pre-filter for pickers: exact names only. Assignment re-checks with
      // the tolerant comparison (white space, full-width characters).
      filters.push({
        active: true,
        fields: { has: project.field },
        NOT: [{ institutionName: project.institutionName }, { conflictInstitutions: { has: project.institutionName } }],
      });
    }
    const where: Prisma.ExpertWhereInput = { AND: filters };
    const [rows, total] = await Promise.all([
      this.prisma.expert.findMany({ where, orderBy: [{ [query.sort.field]: query.sort.direction }, { id: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.expert.count({ where }),
    ]);
    return { items: rows.map(toExpertView), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<ExpertView> {
    const expert = await this.prisma.expert.findUnique({ where: { id } });
    if (!expert) throw notFound('expert', id);
    return toExpertView(expert);
  }
}
