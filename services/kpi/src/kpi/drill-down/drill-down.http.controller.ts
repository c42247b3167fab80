import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DrillDownParams, DrillDownQuery } from './drill-down.command';
import { DrillDownHandler } from './drill-down.handler';

@ApiTags('KPI 指标')
@ApiBearerAuth()
@Controller('kpi')
export class DrillDownHttpController {
  constructor(private readonly handler: DrillDownHandler) {}

  @Get(':year/:kpiCode/lineage')
  @ApiOperation({
    summary: 'Drill-down: the exact events behind a KPI value',
    description: 'Every candidate event with id, source, business time, region and schema version, and its status: counted (with the units it made), duplicate (of which event), retracted (by which correction) or excluded (which filter failed). The sum of `contribution` over counted events is the value.',
  })
  lineage(@Param({ schema: DrillDownParams }) params: DrillDownParams, @Query({ schema: DrillDownQuery }) query: DrillDownQuery) {
    return this.handler.lineage(params, query);
  }
}
