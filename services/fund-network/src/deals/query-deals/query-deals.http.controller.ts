import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '@tjc/runtime';
import { AuditQuery, AuditRecordView, AuditTrail } from '../../shared/audit-trail.service';
import { pageOf } from '../../shared/views.service';
import { DealView } from '../deal-view.service';
import { ListDealsQuery } from './query-deals.command';
import { QueryDealsHandler } from './query-deals.handler';

@ApiTags('deals 投资项目')
@ApiBearerAuth()
@Controller('deals')
export class QueryDealsHttpController {
  constructor(
    private readonly handler: QueryDealsHandler,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @ApiOkResponse({ description: '投资项目管道 / Deal pipeline', standardSchema: pageOf(DealView) })
  list(@Query({ schema: ListDealsQuery }) query: ListDealsQuery) {
    return this.handler.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ description: '投资项目 / Deal', standardSchema: DealView })
  @ApiNotFoundResponse({ description: '投资项目不存在 / Unknown deal' })
  get(@Param('id') id: string) {
    return this.handler.get(id);
  }

  @Get(':id/audit')
  @ApiOkResponse({ description: '审计记录 / Audit trail', standardSchema: pageOf(AuditRecordView) })
  @ApiNotFoundResponse({ description: '投资项目不存在 / Unknown deal' })
  async auditTrail(@Param('id') id: string, @Query({ schema: AuditQuery }) page: PageQuery) {
    await this.handler.get(id);
    return this.audit.list('deal', id, page);
  }
}
