import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { z } from 'zod';
import { InvestmentView } from '../../investments/investment-view.service';
import { callerOf, RequestId } from '../../shared/http-context.service';
import { GrantView } from '../grant-view.service';
import { ConvertGrantCommand } from './convert-grant.command';
import { ConvertGrantHandler } from './convert-grant.handler';

@ApiTags('grants 拨投联动')
@ApiBearerAuth()
@Controller('grants')
export class ConvertGrantHttpController {
  constructor(private readonly handler: ConvertGrantHandler) {}

  @Post(':id/convert')
  @HttpCode(200)
  @ApiOkResponse({
    description: '拨转投：发出 fund.grant.converted.v1 与 fund.investment.made.v1 / Converted; emits fund.grant.converted.v1 and fund.investment.made.v1',
    standardSchema: z.object({ grant: GrantView, investment: InvestmentView }),
  })
  @ApiBadRequestResponse({ description: '转投金额超过资助金额 / Converted amount above the grant (errors[].rule = exceeds_grant)' })
  @ApiNotFoundResponse({ description: '资助不存在 / Unknown grant' })
  @ApiConflictResponse({ description: '不可转投、里程碑未达成、已转投或 version 过期 / Not convertible, milestones pending, already converted, or stale version' })
  convert(@Param('id') id: string, @Body({ schema: ConvertGrantCommand }) body: ConvertGrantCommand, @CurrentPrincipal() principal: Principal, @RequestId() requestId: string | undefined) {
    return this.handler.execute(id, body, callerOf(principal, requestId));
  }
}
