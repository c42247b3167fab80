import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { callerOf, RequestId } from '../../shared/http-context.service';
import { GrantView } from '../grant-view.service';
import { AwardGrantCommand } from './award-grant.command';
import { AwardGrantHandler } from './award-grant.handler';

@ApiTags('grants 拨投联动')
@ApiBearerAuth()
@Controller('grants')
export class AwardGrantHttpController {
  constructor(private readonly handler: AwardGrantHandler) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: '资助已拨付，发出 fund.grant.awarded.v1 / Grant awarded; emits fund.grant.awarded.v1', standardSchema: GrantView })
  @ApiNotFoundResponse({ description: '基金不存在 / Unknown fund' })
  award(@Body({ schema: AwardGrantCommand }) body: AwardGrantCommand, @CurrentPrincipal() principal: Principal, @RequestId() requestId: string | undefined) {
    return this.handler.execute(body, callerOf(principal, requestId));
  }
}
