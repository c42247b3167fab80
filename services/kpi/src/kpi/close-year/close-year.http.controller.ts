import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { YearParams } from '../get-kpis/get-kpis.command';
import { CloseYearHandler } from './close-year.handler';

@ApiTags('KPI 指标')
@ApiBearerAuth()
@Controller('kpi')
export class CloseYearHttpController {
  constructor(private readonly handler: CloseYearHandler) {}

  /** Writes need a center admin (the guard's rule for a service without a network). */
  @Post(':year/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a year (center admin): later changes to its figures are recorded as restatements' })
  close(@Param({ schema: YearParams }) params: YearParams, @CurrentPrincipal() principal: Principal, @Req() req: { id?: string }) {
    return this.handler.close(params.year, principal, req.id);
  }
}
