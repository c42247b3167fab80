import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@tjc/auth';
import { AuditTrailService } from '../../common/audit-trail.service';
import { notFound } from '../../common/http-errors';
import { Reader } from '../../common/write-context';
import { PrismaService } from '../../prisma.service';
import { AuditQuery, ListProjectsQuery } from './query-projects.command';
import { QueryProjectsHandler } from './query-projects.handler';

@ApiTags('projects 项目遴选')
@ApiBearerAuth()
@Controller('projects')
export class QueryProjectsHttpController {
  constructor(
    private readonly handler: QueryProjectsHandler,
    private readonly audit: AuditTrailService,
    private readonly prisma: PrismaService,
  ) {}

  @Get()
  @ApiOperation({ summary: '项目列表 / List the pipeline', description: 'Any signed-in role. Filter by state, field, source (ours or a partner), region, institution, title; sort; page.' })
  list(@Query({ schema: ListProjectsQuery }) query: ListProjectsQuery) {
    return this.handler.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: '项目详情 / One project', description: 'Any signed-in role; `confidentialDetail` only for research coordinators and center admins.' })
  get(@Param('id') id: string, @Reader() reader: Principal) {
    return this.handler.get(id, reader);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: '项目审计记录 / Audit trail of a project', description: 'Who changed what, when, from which request or event.' })
  async trail(@Param('id') id: string, @Query({ schema: AuditQuery }) query: AuditQuery) {
    if ((await this.prisma.project.count({ where: { id } })) === 0) throw notFound('project', id);
    return this.audit.trail('project', id, query.limit, query.offset);
  }
}
