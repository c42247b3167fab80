import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { callerOf, RequestId } from '../../shared/http-context.service';
import { DealView } from '../deal-view.service';
import { OpenDealCommand } from './open-deal.command';
import { OpenDealHandler } from './open-deal.handler';

@ApiTags('deals 投资项目')
@ApiBearerAuth()
@Controller('deals')
export class OpenDealHttpController {
  constructor(private readonly handler: OpenDealHandler) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: '投资机会已建立 / Opportunity opened', standardSchema: DealView })
  @ApiNotFoundResponse({ description: '基金不存在 / Unknown fund' })
  @ApiConflictResponse({ description: '该成果转化或项目已有投资机会 / Opportunity for this transfer or project exists (existingDealId)' })
  open(@Body({ schema: OpenDealCommand }) body: OpenDealCommand, @CurrentPrincipal() principal: Principal, @RequestId() requestId: string | undefined) {
    return this.handler.execute(body, callerOf(principal, requestId));
  }
}
