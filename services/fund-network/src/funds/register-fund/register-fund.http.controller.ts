import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { callerOf, RequestId } from '../../shared/http-context.service';
import { FundView } from '../fund-view.service';
import { RegisterFundCommand } from './register-fund.command';
import { RegisterFundHandler } from './register-fund.handler';

@ApiTags('funds 基金')
@ApiBearerAuth()
@Controller('funds')
export class RegisterFundHttpController {
  constructor(private readonly handler: RegisterFundHandler) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: '基金已登记 / Fund registered', standardSchema: FundView })
  @ApiConflictResponse({ description: '同名或同标识基金已存在 / A fund with this name or id exists' })
  register(@Body({ schema: RegisterFundCommand }) body: RegisterFundCommand, @CurrentPrincipal() principal: Principal, @RequestId() requestId: string | undefined) {
    return this.handler.execute(body, callerOf(principal, requestId));
  }
}
