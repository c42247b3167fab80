import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '@tjc/runtime';
import { AuditQuery, AuditRecordView, AuditTrail } from '../../shared/audit-trail.service';
import { pageOf } from '../../shared/views.service';
import { GrantView } from '../grant-view.service';
import { ListGrantsQuery } from './query-grants.command';
import { QueryGrantsHandler } from './query-grants.handler';

@ApiTags('grants 拨投联动')
@ApiBearerAuth()
@Controller('grants')
export class QueryGrantsHttpController {
  constructor(
    private readonly handler: QueryGrantsHandler,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @ApiOkResponse({ description: '资助列表 / Grants', standardSchema: pageOf(GrantView) })
  list(@Query({ schema: ListGrantsQuery }) query: ListGrantsQuery) {
    return this.handler.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ description: '资助详情（含里程碑与拨转投） / Grant with milestones and conversion', standardSchema: GrantView })
  @ApiNotFoundResponse({ description: '资助不存在 / Unknown grant' })
  get(@Param('id') id: string) {
    return this.handler.get(id);
  }

  @Get(':id/audit')
  @ApiOkResponse({ description: '审计记录 / Audit trail', standardSchema: pageOf(AuditRecordView) })
  @ApiNotFoundResponse({ description: '资助不存在 / Unknown grant' })
  async auditTrail(@Param('id') id: string, @Query({ schema: AuditQuery }) page: PageQuery) {
    await this.handler.get(id);
    return this.audit.list('grant', id, page);
  }
}
