import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '@tjc/runtime';
import { AuditQuery, AuditRecordView, AuditTrail } from '../../shared/audit-trail.service';
import { pageOf } from '../../shared/views.service';
import { InvestmentView } from '../investment-view.service';
import { ListInvestmentsQuery } from './query-investments.command';
import { QueryInvestmentsHandler } from './query-investments.handler';

/** Investments are created by investing in a deal or converting a grant; here they are read. */
@ApiTags('investments 投资')
@ApiBearerAuth()
@Controller('investments')
export class QueryInvestmentsHttpController {
  constructor(
    private readonly handler: QueryInvestmentsHandler,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @ApiOkResponse({ description: '投资列表 / Investments', standardSchema: pageOf(InvestmentView) })
  list(@Query({ schema: ListInvestmentsQuery }) query: ListInvestmentsQuery) {
    return this.handler.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ description: '投资详情 / Investment', standardSchema: InvestmentView })
  @ApiNotFoundResponse({ description: '投资不存在 / Unknown investment' })
  get(@Param('id') id: string) {
    return this.handler.get(id);
  }

  @Get(':id/audit')
  @ApiOkResponse({ description: '审计记录 / Audit trail', standardSchema: pageOf(AuditRecordView) })
  @ApiNotFoundResponse({ description: '投资不存在 / Unknown investment' })
  async auditTrail(@Param('id') id: string, @Query({ schema: AuditQuery }) page: PageQuery) {
    await this.handler.get(id);
    return this.audit.list('investment', id, page);
  }
}
