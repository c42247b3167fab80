import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toShanghaiIso } from '@tjc/contracts';
import { PageQuery } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { YearParams } from '../get-kpis/get-kpis.command';
import { KpiEngine } from '../../engine/kpi-engine.service';

@ApiTags('KPI 指标')
@ApiBearerAuth()
@Controller('kpi')
export class ListRestatementsHttpController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly engine: KpiEngine,
  ) {}

  @Get(':year/restatements')
  @ApiOperation({ summary: "Restatements of a closed year's figures: previous and new value, and the event that caused each" })
  async list(@Param({ schema: YearParams }) params: YearParams, @Query({ schema: PageQuery }) page: PageQuery) {
    const [state, definitions] = await Promise.all([this.prisma.kpiYearState.findUnique({ where: { year: params.year } }), this.engine.definitions(this.prisma, params.year)]);
    if (definitions.length === 0) throw new NotFoundException(`no KPIs are defined for ${params.year}`);
    const where = { year: params.year };
    const [rows, total] = await Promise.all([
      this.prisma.kpiRestatement.findMany({ where, orderBy: [{ at: 'asc' }, { kpiCode: 'asc' }], take: page.limit, skip: page.offset }),
      this.prisma.kpiRestatement.count({ where }),
    ]);
    return {
      year: params.year,
      closed: state?.closedAt ? { at: toShanghaiIso(state.closedAt), by: state.closedBy, values: state.closedValues } : null,
      items: rows.map((r) => ({
        id: r.id,
        kpiCode: r.kpiCode,
        previousValue: r.previousValue,
        newValue: r.newValue,
        cause: { source: r.causeSource, eventId: r.causeEventId, type: r.causeType },
        at: toShanghaiIso(r.at),
      })),
      total,
      limit: page.limit,
      offset: page.offset,
    };
  }
}
