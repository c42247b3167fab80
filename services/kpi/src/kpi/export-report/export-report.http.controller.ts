import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { YearParams } from '../get-kpis/get-kpis.command';
import { ExportReportHandler } from './export-report.handler';

const CsvQuery = z.object({ view: z.enum(['summary', 'lineage']).default('summary') });
type CsvQuery = z.output<typeof CsvQuery>;

interface ReplyHeaders {
  header(name: string, value: string): unknown;
}

const attachment = (name: string) => `attachment; filename="${name}"`;

@ApiTags('报告 Report')
@ApiBearerAuth()
@Controller('kpi')
export class ExportReportHttpController {
  constructor(private readonly handler: ExportReportHandler) {}

  @Get(':year/report.json')
  @ApiOperation({ summary: 'Annual KPI report (JSON): summary with pace, lineage of every KPI, restatements' })
  json(@Param({ schema: YearParams }) params: YearParams) {
    return this.handler.report(params.year);
  }

  @Get(':year/report.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Annual KPI report (CSV, UTF-8 with BOM, Chinese headers): view=summary (default) or lineage' })
  async csv(@Param({ schema: YearParams }) params: YearParams, @Query({ schema: CsvQuery }) query: CsvQuery, @Res({ passthrough: true }) reply: ReplyHeaders) {
    reply.header('content-disposition', attachment(`kpi-${params.year}-${query.view}.csv`));
    return this.handler.csv(await this.handler.report(params.year), query.view);
  }

  @Get(':year/report.xlsx')
  @Header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'Annual KPI report (Excel, exceljs): sheets 汇总 (summary), 按月 (by month), 明细 (lineage), 重述 (restatements)' })
  async xlsx(@Param({ schema: YearParams }) params: YearParams, @Res({ passthrough: true }) reply: ReplyHeaders) {
    reply.header('content-disposition', attachment(`kpi-${params.year}.xlsx`));
    return this.handler.xlsx(await this.handler.report(params.year));
  }
}
