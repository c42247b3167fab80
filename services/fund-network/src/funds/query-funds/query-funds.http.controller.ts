import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '@tjc/runtime';
import { AuditQuery, AuditRecordView, AuditTrail } from '../../shared/audit-trail.service';
import { pageOf } from '../../shared/views.service';
import { FundDetailView, FundView, SubFundView } from '../fund-view.service';
import { ListFundsQuery, ListSubFundsQuery } from './query-funds.command';
import { QueryFundsHandler } from './query-funds.handler';

@ApiTags('funds 基金')
@ApiBearerAuth()
@Controller('funds')
export class QueryFundsHttpController {
  constructor(
    private readonly handler: QueryFundsHandler,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @ApiOkResponse({ description: '基金列表 / Funds', standardSchema: pageOf(FundView) })
  list(@Query({ schema: ListFundsQuery }) query: ListFundsQuery) {
    return this.handler.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ description: '基金详情：子基金杠杆与投资组合 / Fund with leverage and portfolio', standardSchema: FundDetailView })
  @ApiNotFoundResponse({ description: '基金不存在 / Unknown fund' })
  get(@Param('id') id: string) {
    return this.handler.get(id);
  }

  @Get(':id/sub-funds')
  @ApiOkResponse({ description: '子基金 / Sub-funds', standardSchema: pageOf(SubFundView) })
  @ApiNotFoundResponse({ description: '基金不存在 / Unknown fund' })
  subFunds(@Param('id') id: string, @Query({ schema: ListSubFundsQuery }) query: ListSubFundsQuery) {
    return this.handler.subFunds(id, query);
  }

  @Get(':id/audit')
  @ApiOkResponse({ description: '审计记录 / Audit trail', standardSchema: pageOf(AuditRecordView) })
  @ApiNotFoundResponse({ description: '基金不存在 / Unknown fund' })
  async auditTrail(@Param('id') id: string, @Query({ schema: AuditQuery }) page: PageQuery) {
    await this.handler.exists(id);
    return this.audit.list('fund', id, page);
  }
}
