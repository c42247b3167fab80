import { Injectable } from '@nestjs/common';
import type { Principal } from '@tjc/auth';
import type { Page } from '@tjc/runtime';
import { maySeeConfidential } from '../../common/write-context';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { ProjectsService, toProjectView, type ProjectView } from '../projects.service';
import type { ListProjectsQuery } from './query-projects.command';

const NULLABLE_SORT_FIELDS: ReadonlySet<ListProjectsQuery['sort']['field']> = new Set(['submittedAt', 'foundAt', 'averageScore'] as const);

@Injectable()
export class QueryProjectsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly projects: ProjectsService,
  ) {}

  /** Lists never carry the confidential detail, whoever asks: it is read one project at a time. */
  async list(query: ListProjectsQuery): Promise<Page<ProjectView>> {
    const where: Prisma.ProjectWhereInput = {
      ...(query.state && { state: query.state }),
      ...(query.field && { field: query.field }),
      ...(query.source && { source: query.source }),
      ...(query.region && { institutionRegion: query.region }),
      ...(query.institution && { institutionName: { contains: query.institution } }),
      ...(query.q && { title: { contains: query.q, mode: 'insensitive' } }),
    };
    const { field, direction } = query.sort;
    const orderBy: Prisma.ProjectOrderByWithRelationInput[] = [
      // Not-yet-set dates and scores sort last either way; Prisma accepts `nulls` on nullable columns only.
      NULLABLE_SORT_FIELDS.has(field) ? { [field]: { sort: direction, nulls: 'last' } } : { [field]: direction },
      // A stable tie-break, so pages never repeat or skip rows.
      { id: 'asc' },
    ];
    const [rows, total] = await Promise.all([
      this.prisma.project.findMany({ where, orderBy, take: query.limit, skip: query.offset, include: this.projects.include() }),
      this.prisma.project.count({ where }),
    ]);
    return { items: rows.map((p) => toProjectView(p, { confidential: false })), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string, reader: Principal): Promise<ProjectView> {
    const project = await this.projects.load(this.prisma, id);
    return toProjectView(project, { confidential: maySeeConfidential(reader) });
  }
}
