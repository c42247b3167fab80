import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '@tjc/runtime';
import { z } from 'zod';
import { AuditTrailService } from '../../common/audit-trail.service';
import { ListMembersQuery } from './query-members.command';
import { QueryMembersHandler } from './query-members.handler';

@ApiTags('members 成员单位')
@ApiBearerAuth()
@Controller('members')
export class QueryMembersHttpController {
  constructor(
    private readonly handler: QueryMembersHandler,
    private readonly audit: AuditTrailService,
  ) {}

  @Get()
  @ApiOperation({ summary: '成员单位列表 / List members', description: 'Any signed-in role. Filter by region, type, name; sort; page.' })
  list(@Query({ schema: ListMembersQuery }) query: ListMembersQuery) {
    return this.handler.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: '成员单位详情 / One member' })
  get(@Param('id') id: string) {
    return this.handler.get(id);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: '成员单位审计记录 / Audit trail of a member' })
  async trail(@Param('id') id: string, @Query({ schema: PageQuery }) query: z.output<typeof PageQuery>) {
    await this.handler.get(id);
    return this.audit.trail('member', id, query.limit, query.offset);
  }
}
