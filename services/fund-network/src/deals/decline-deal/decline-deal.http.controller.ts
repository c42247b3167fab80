import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { callerOf, RequestId } from '../../shared/http-context.service';
import { DealView } from '../deal-view.service';
import { DeclineDealCommand } from './decline-deal.command';
import { DeclineDealHandler } from './decline-deal.handler';

@ApiTags('deals 投资项目')
@ApiBearerAuth()
@Controller('deals')
export class DeclineDealHttpController {
  constructor(private readonly handler: DeclineDealHandler) {}

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOkResponse({ description: '已放弃 / Deal declined', standardSchema: DealView })
  @ApiNotFoundResponse({ description: '投资项目不存在 / Unknown deal' })
  @ApiConflictResponse({ description: '已投资或已放弃，或 version 过期 / Deal already final, or stale version' })
  decline(@Param('id') id: string, @Body({ schema: DeclineDealCommand }) body: DeclineDealCommand, @CurrentPrincipal() principal: Principal, @RequestId() requestId: string | undefined) {
    return this.handler.execute(id, body, callerOf(principal, requestId));
  }
}
