import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toShanghaiIso } from '@tjc/contracts';
import { PrismaService } from '../../prisma.service';
import { YearParams } from '../../kpi/get-kpis/get-kpis.command';
import { currentDefinitions, sortHistory, type KpiDefinition } from '../../kpi/kpi-definition';
import { KpiEngine } from '../../engine/kpi-engine.service';

const present = (d: KpiDefinition, current: boolean) => ({
  year: d.year,
  kpiCode: d.kpiCode,
  label: d.label,
  unit: d.unit,
  target: d.target,
  eventTypes: d.eventTypes,
  filters: d.filters,
  counting: d.counting,
  regionPath: d.regionPath ?? null,
  sortOrder: d.sortOrder,
  current,
  setBy: d.setBy,
  setAt: toShanghaiIso(d.setAt),
  receivedAt: d.receivedAt.toISOString(),
});

@ApiTags('KPI 目标 Targets')
@ApiBearerAuth()
@Controller('kpi/targets')
export class TargetHistoryHttpController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly engine: KpiEngine,
  ) {}

  @Get(':year')
  @ApiOperation({ summary: 'The KPI definitions in force for a year' })
  async current(@Param({ schema: YearParams }) params: YearParams) {
    const current = await this.engine.definitions(this.prisma, params.year);
    if (current.length === 0) throw new NotFoundException(`no KPIs are defined for ${params.year}`);
    return { year: params.year, items: current.map((d) => present(d, true)), total: current.length, limit: current.length, offset: 0 };
  }

  @Get(':year/history')
  @ApiOperation({ summary: 'History of targets: every setting of every KPI of the year, oldest first, the one in force marked current' })
  async history(@Param({ schema: YearParams }) params: YearParams) {
    const settings = await this.engine.definitionSettings(this.prisma, params.year);
    if (settings.length === 0) throw new NotFoundException(`no KPIs are defined for ${params.year}`);
    const inForce = new Set(currentDefinitions(settings).map((d) => `${d.setBy.source}/${d.setBy.id}`));
    const items = sortHistory(settings).map((d) => present(d, inForce.has(`${d.setBy.source}/${d.setBy.id}`)));
    return { year: params.year, items, total: items.length, limit: items.length, offset: 0 };
  }
}
