import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tjc/auth';
import { KpiJobs } from '../../jobs/kpi-jobs.service';
import { CheckPaceCommand } from './check-pace.command';

@ApiTags('运维 Ops')
@ApiBearerAuth()
@Controller('ops/kpi')
@Roles('ops', 'center-admin')
export class CheckPaceHttpController {
  constructor(private readonly jobs: KpiJobs) {}

  @Post('pace-check')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run the pace check now, or as of an instant (ops, center admin); behind-pace KPIs are notified once per KPI per day' })
  async paceCheck(@Body({ schema: CheckPaceCommand }) body: CheckPaceCommand) {
    return { queue: 'kpi-pace', jobId: await this.jobs.enqueuePaceCheck({ ...(body.year !== undefined && { year: body.year }), ...(body.at !== undefined && { at: body.at }) }) };
  }
}
