import { Body, Controller, HttpCode, Param, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { SetTargetCommand, TargetParams } from './set-target.command';
import { SetTargetHandler } from './set-target.handler';

@ApiTags('KPI 目标 Targets')
@ApiBearerAuth()
@Controller('kpi/targets')
export class SetTargetHttpController {
  constructor(private readonly handler: SetTargetHandler) {}

  @Put(':year/:kpiCode')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Set a KPI of a year: target, unit, counting rule (center admin)',
    description: 'Publishes center.kpi.target-set.v1 as tjc/center. Accepted (202): the KPI applies once the event is consumed, and counts every archived event of the year, including those that arrived before it was defined.',
  })
  set(@Param({ schema: TargetParams }) params: TargetParams, @Body({ schema: SetTargetCommand }) body: SetTargetCommand, @CurrentPrincipal() principal: Principal, @Req() req: { id?: string }) {
    return this.handler.set(params, body, principal, req.id);
  }
}
