import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditTrailService } from '../../common/audit-trail.service';
import { ListFundingApplicationsQuery } from './query-funding-applications.command';
import { QueryFundingApplicationsHandler } from './query-funding-applications.handler';

@ApiTags('专项资金 funding applications')
@ApiBearerAuth()
@Controller('funding-applications')
export class QueryFundingApplicationsHttpController {
  constructor(
    private readonly handler: QueryFundingApplicationsHandler,
    private readonly audit: AuditTrailService,
  ) {}

  @Get()
  @ApiOperation({ summary: '专项资金申请列表 / List funding applications' })
  list(@Query({ schema: ListFundingApplicationsQuery }) query: ListFundingApplicationsQuery) {
    return this.handler.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: '专项资金申请详情 / One funding application' })
  get(@Param('id') id: string) {
    return this.handler.get(id);
  }

  @Get(':id/audit')
  @ApiOperation({ summary: '审计记录 / Audit trail' })
  async auditTrail(@Param('id') id: string) {
    await this.handler.get(id);
    return this.audit.of('funding-application', id);
  }
}
