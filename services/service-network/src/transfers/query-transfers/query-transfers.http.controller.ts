import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditTrailService } from '../../common/audit-trail.service';
import { ListCandidatesQuery, ListTransfersQuery } from './query-transfers.command';
import { QueryTransfersHandler } from './query-transfers.handler';

@ApiTags('成果转化 transfers')
@ApiBearerAuth()
@Controller()
export class QueryTransfersHttpController {
  constructor(
    private readonly handler: QueryTransfersHandler,
    private readonly audit: AuditTrailService,
  ) {}

  @Get('transfers')
  @ApiOperation({ summary: '成果转化项目列表 / List transfers (paginated, filterable, sortable)' })
  list(@Query({ schema: ListTransfersQuery }) query: ListTransfersQuery) {
    return this.handler.list(query);
  }

  @Get('transfer-candidates')
  @ApiOperation({ summary: '待转化候选成果 / Achievements offered for transfer, not yet matched' })
  candidates(@Query({ schema: ListCandidatesQuery }) query: ListCandidatesQuery) {
    return this.handler.candidates(query);
  }

  @Get('transfers/:id')
  @ApiOperation({ summary: '成果转化项目详情 / One transfer' })
  get(@Param('id') id: string) {
    return this.handler.get(id);
  }

  @Get('transfers/:id/audit')
  @ApiOperation({ summary: '审计记录 / Audit trail of a transfer' })
  async auditTrail(@Param('id') id: string) {
    await this.handler.exists(id);
    return this.audit.of('transfer', id);
  }
}
