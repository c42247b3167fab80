import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '@tjc/runtime';
import { z } from 'zod';
import { AuditTrailService } from '../../common/audit-trail.service';
import { ListExpertsQuery } from './query-experts.command';
import { QueryExpertsHandler } from './query-experts.handler';

@ApiTags('experts 专家库')
@ApiBearerAuth()
@Controller('experts')
export class QueryExpertsHttpController {
  constructor(
    private readonly handler: QueryExpertsHandler,
    private readonly audit: AuditTrailService,
  ) {}

  @Get()
  @ApiOperation({ summary: '专家库 / List the expert pool', description: 'Any signed-in role. Filter by field, region, institution, active, name, or `eligibleFor=<projectId>`; sort; page.' })
  list(@Query({ schema: ListExpertsQuery }) query: ListExpertsQuery) {
    return this.handler.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: '专家详情 / One expert' })
  get(@Param('id') id: string) {
    return this.handler.get(id);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: '专家审计记录 / Audit trail of an expert' })
  async trail(@Param('id') id: string, @Query({ schema: PageQuery }) query: z.output<typeof PageQuery>) {
    await this.handler.get(id);
    return this.audit.trail('expert', id, query.limit, query.offset);
  }
}
