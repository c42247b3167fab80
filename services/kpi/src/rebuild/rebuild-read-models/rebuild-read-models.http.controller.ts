import { Controller, Get, HttpCode, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { actorOf, CurrentPrincipal, Roles, type Principal } from '@tjc/auth';
import { toShanghaiIso } from '@tjc/contracts';
import { KpiJobs } from '../../jobs/kpi-jobs.service';
import { PrismaService } from '../../prisma.service';
import { RebuildReadModelsHandler } from './rebuild-read-models.handler';

const RebuildParams = z.object({ id: z.uuid() });
type RebuildParams = z.output<typeof RebuildParams>;

@ApiTags('运维 Ops')
@ApiBearerAuth()
@Controller('ops/kpi/rebuild')
@Roles('ops', 'center-admin')
export class RebuildReadModelsHttpController {
  constructor(
    private readonly handler: RebuildReadModelsHandler,
    private readonly jobs: KpiJobs,
    private readonly prisma: PrismaService,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild all KPI facts and rollups from the event archive into a fresh generation and swap it in (ops, center admin)' })
  async start(@CurrentPrincipal() principal: Principal, @Req() req: { id?: string }) {
    const rebuild = await this.handler.request(actorOf(principal), req.id);
    await this.jobs.enqueueRebuild(rebuild.id);
    return rebuild;
  }

  @Get(':id')
  @ApiOperation({ summary: 'Progress of a rebuild: processed / total archived events, status, result' })
  async progress(@Param({ schema: RebuildParams }) params: RebuildParams) {
    const r = await this.prisma.kpiRebuild.findUnique({ where: { id: params.id } });
    if (!r) throw new NotFoundException(`rebuild ${params.id} not found`);
    return {
      id: r.id,
      status: r.status,
      generation: r.generation,
      processed: r.processed,
      total: r.total,
      requestedBy: r.requestedBy,
      startedAt: toShanghaiIso(r.startedAt),
      finishedAt: r.finishedAt ? toShanghaiIso(r.finishedAt) : null,
      error: r.error,
      result: r.result,
    };
  }
}
