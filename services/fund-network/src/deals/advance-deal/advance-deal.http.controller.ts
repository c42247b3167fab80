import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { callerOf, RequestId } from '../../shared/http-context.service';
import { DealView } from '../deal-view.service';
import { AdvanceDealCommand } from './advance-deal.command';
import { AdvanceDealHandler } from './advance-deal.handler';

@ApiTags('deals 投资项目')
@ApiBearerAuth()
@Controller('deals')
export class AdvanceDealHttpController {
  constructor(private readonly handler: AdvanceDealHandler) {}

  @Post(':id/advance')
  @HttpCode(200)
  @ApiOkResponse({ description: '已推进到下一阶段 / Deal advanced', standardSchema: DealView })
  @ApiNotFoundResponse({ description: '投资项目不存在 / Unknown deal' })
  @ApiConflictResponse({ description: '阶段不允许或 version 过期 / Transition refused (currentState, allowedTransitions) or stale version' })
  advance(@Param('id') id: string, @Body({ schema: AdvanceDealCommand }) body: AdvanceDealCommand, @CurrentPrincipal() principal: Principal, @RequestId() requestId: string | undefined) {
    return this.handler.execute(id, body, callerOf(principal, requestId));
  }
}
