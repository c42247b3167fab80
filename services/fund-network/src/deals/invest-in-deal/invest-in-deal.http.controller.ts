import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { z } from 'zod';
import { InvestmentView } from '../../investments/investment-view.service';
import { callerOf, RequestId } from '../../shared/http-context.service';
import { DealView } from '../deal-view.service';
import { InvestInDealCommand } from './invest-in-deal.command';
import { InvestInDealHandler } from './invest-in-deal.handler';

@ApiTags('deals 投资项目')
@ApiBearerAuth()
@Controller('deals')
export class InvestInDealHttpController {
  constructor(private readonly handler: InvestInDealHandler) {}

  @Post(':id/invest')
  @HttpCode(200)
  @ApiOkResponse({ description: '投决通过并完成投资，发出 fund.investment.made.v1 / Invested; emits fund.investment.made.v1', standardSchema: z.object({ deal: DealView, investment: InvestmentView }) })
  @ApiNotFoundResponse({ description: '投资项目或基金不存在 / Unknown deal or fund' })
  @ApiConflictResponse({ description: '未经投决会或 version 过期 / Not at the investment committee, or stale version' })
  invest(@Param('id') id: string, @Body({ schema: InvestInDealCommand }) body: InvestInDealCommand, @CurrentPrincipal() principal: Principal, @RequestId() requestId: string | undefined) {
    return this.handler.execute(id, body, callerOf(principal, requestId));
  }
}
