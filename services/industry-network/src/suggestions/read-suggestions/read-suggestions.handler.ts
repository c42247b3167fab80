import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { Id, IndustryField, Institution } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import type { Suggestion } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { notFound } from '../../shared/http-errors';
import { orderByOf, pageOf } from '../../shared/lists';

const filters = {
  projectId: Id.optional(),
  field: IndustryField.schema.optional(),
  status: z.enum(['candidate', 'taken']).optional().meta({ description: 'candidate：尚未组建；taken：已据此组建联合体 / candidate or taken up' }),
  sort: sortParam(['createdAt', 'projectTitle'], '-createdAt'),
};
export const ListSuggestionsQuery = PageQuery.extend({ demandId: Id.optional(), ...filters });
export type ListSuggestionsQuery = z.output<typeof ListSuggestionsQuery>;
export const ListDemandSuggestionsQuery = PageQuery.extend(filters);
export type ListDemandSuggestionsQuery = z.output<typeof ListDemandSuggestionsQuery>;

type SuggestionRow = Suggestion & { demand: { title: string; status: string; enterprise: { name: string } } };
const withDemand = { demand: { select: { title: true, status: true, enterprise: { select: { name: true } } } } } as const;

export function suggestionView(s: SuggestionRow) {
  return {
    id: s.id,
    status: s.consortiumId === null ? 'candidate' : 'taken',
    project: { id: s.projectId, title: s.projectTitle, field: s.projectField, trl: s.projectTrl, institution: Institution.parse(s.projectInstitution), reportedBy: s.projectSource },
    demand: { id: s.demandId, title: s.demand.title, status: s.demand.status, enterpriseId: s.enterpriseId, enterpriseName: s.demand.enterprise.name },
    consortiumId: s.consortiumId,
    createdAt: s.createdAt.toISOString(),
  };
}

@Injectable()
export class ReadSuggestionsHandler {
  constructor(private readonly prisma: PrismaService) {}

  async list(q: ListSuggestionsQuery) {
    const where = {
      ...(q.demandId !== undefined && { demandId: q.demandId }),
      ...(q.projectId !== undefined && { projectId: q.projectId }),
      ...(q.field !== undefined && { projectField: q.field }),
      ...(q.status === 'candidate' && { consortiumId: null }),
      ...(q.status === 'taken' && { consortiumId: { not: null } }),
    };
    // One snapshot for the page and its total, so they never disagree under concurrent writes.
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.suggestion.findMany({ where, include: withDemand, orderBy: orderByOf(q.sort), skip: q.offset, take: q.limit }),
      this.prisma.suggestion.count({ where }),
    ], { isolationLevel: 'RepeatableRead' });
    return pageOf(rows.map(suggestionView), total, q);
  }

  async forDemand(demandId: string, q: ListDemandSuggestionsQuery) {
    if (!(await this.prisma.demand.findUnique({ where: { id: demandId }, select: { id: true } }))) throw notFound('需求 demand', demandId);
    return this.list({ ...q, demandId });
  }
}
