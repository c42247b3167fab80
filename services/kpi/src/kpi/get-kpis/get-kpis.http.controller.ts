import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PrismaService } from '../../prisma.service';
import { KpiCache } from '../kpi-cache.service';
import { KpiEngine } from '../../engine/kpi-engine.service';
import { GetKpisQuery, YearParams } from './get-kpis.command';
import { GetKpisHandler } from './get-kpis.handler';

/** The part of Fastify's reply the controller uses (fastify itself is not a dependency of this package). */
interface ReplyHeaders {
  header(name: string, value: string): unknown;
}

@ApiTags('KPI 指标')
@ApiBearerAuth()
@Controller('kpi')
export class GetKpisHttpController {
  constructor(
    private readonly handler: GetKpisHandler,
    private readonly cache: KpiCache,
    private readonly engine: KpiEngine,
    private readonly prisma: PrismaService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Years that have KPI definitions' })
  async years() {
    const years = await this.engine.definedYears(this.prisma);
    const states = await this.prisma.kpiYearState.findMany({ where: { year: { in: years } } });
    const closed = new Map(states.map((s) => [s.year, s.closedAt]));
    return { items: years.map((year) => ({ year, closed: closed.get(year) != null })), total: years.length, limit: years.length, offset: 0 };
  }

  @Get(':year')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOperation({
    summary: 'The KPIs of a year: value, target, pace, forecast, and the split by month, network and region',
    description:
      'Without asOf/knownAt: the live figures from the rollups, cached in Redis (header x-cache: hit|miss|bypass). With asOf=YYYY-MM-DD: counted from the lineage, events with business time up to the end of that day (Asia/Shanghai), with everything known now. Add knownAt=<instant> to count only what had been received by then.',
  })
  async get(@Param({ schema: YearParams }) params: YearParams, @Query({ schema: GetKpisQuery }) query: GetKpisQuery, @Res({ passthrough: true }) reply: ReplyHeaders): Promise<string> {
    if (query.asOf !== undefined || query.knownAt !== undefined) {
      reply.header('x-cache', 'bypass');
      return JSON.stringify(await this.handler.asOf(params.year, query.asOf, query.knownAt !== undefined ? new Date(query.knownAt) : undefined));
    }
    if (query.cache === 'bypass') {
      reply.header('x-cache', 'bypass');
      return JSON.stringify(await this.handler.fromRollups(params.year));
    }
    const { json, hit } = await this.cache.getOrCompute(params.year, 'year-view', () => this.handler.fromRollups(params.year));
    reply.header('x-cache', hit ? 'hit' : 'miss');
    return json;
  }
}
