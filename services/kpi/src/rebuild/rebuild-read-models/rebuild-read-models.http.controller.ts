import { Controller, Get, HttpCode, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { actorOf, CurrentPrincipal, Roles, type Principal } from '@tjc/auth';
import { toShanghaiIso } from '@tjc/contracts';
import { RebuildReadModelsHandler } from './rebuild-read-models.handler';

const RebuildParams = z.object({ id: z.uuid() });
type RebuildParams = z.output<typeof RebuildParams>;

@ApiTags('运维 Ops')
@ApiBearerAuth()
@Controller('ops/kpi/rebuild')
@Roles('ops', 'center-admin')
export class RebuildReadModelsHttpController {
  constructor(private readonly handler: RebuildReadModelsHandler) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild every KPI’s read models from the event archive (ops, center admin)',
    description: 'A new evaluation of every KPI in force is built from the archive while the live ones keep serving and counting, then all are swapped in together. 从事件存档重建全部指标。',
  })
  async start(@CurrentPrincipal() principal: Principal, @Req() req: { id?: string }) {
    return this.handler.request(actorOf(principal), req.id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Progress of a rebuild: archived candidates read and applied / all, status, result' })
  async progress(@Param({ schema: RebuildParams }) params: RebuildParams) {
    const r = await this.handler.progress(params.id);
    if (!r) throw new NotFoundException(`rebuild ${params.id} not found`);
    return { ...r, startedAt: toShanghaiIso(r.startedAt), finishedAt: r.finishedAt ? toShanghaiIso(r.finishedAt) : null };
  }
}
