import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tjc/auth';
import { KpiJobs } from '../../jobs/kpi-jobs.service';

@ApiTags('运维 Ops')
@ApiBearerAuth()
@Controller('ops/kpi')
@Roles('ops', 'center-admin')
export class RequestRollupHttpController {
  constructor(private readonly jobs: KpiJobs) {}

  @Post('rollups')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Verify the KPI figures against their lineage now (ops, center admin)',
    description: 'The figures are kept with the lineage in the consumer’s transaction; this job recomputes them from the lineage and logs any difference (it also runs on a schedule). 指标数值与明细逐项核对。',
  })
  async rollups() {
    return { queue: 'kpi-figures', jobId: await this.jobs.enqueueVerify() };
  }

  @Get('queues')
  @ApiOperation({ summary: 'BullMQ queue depths by state (also on /metrics as tjc_bullmq_queue_depth)' })
  queues() {
    return this.jobs.queueDepths();
  }
}
