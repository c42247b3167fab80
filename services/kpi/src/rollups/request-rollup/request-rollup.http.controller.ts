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
  @ApiOperation({ summary: 'Run the rollup of every year now (ops, center admin); it also runs on a schedule and after events' })
  async rollups() {
    return { queue: 'kpi-rollup', jobId: await this.jobs.enqueueRollupAll() };
  }

  @Get('queues')
  @ApiOperation({ summary: 'BullMQ queue depths by state (also on /metrics as tjc_bullmq_queue_depth)' })
  queues() {
    return this.jobs.queueDepths();
  }
}
