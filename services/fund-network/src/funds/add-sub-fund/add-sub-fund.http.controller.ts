import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { callerOf, RequestId } from '../../shared/http-context.service';
import { SubFundView } from '../fund-view.service';
import { AddSubFundCommand } from './add-sub-fund.command';
import { AddSubFundHandler } from './add-sub-fund.handler';

@ApiTags('funds 基金')
@ApiBearerAuth()
@Controller('funds')
export class AddSubFundHttpController {
  constructor(private readonly handler: AddSubFundHandler) {}

  @Post(':id/sub-funds')
  @HttpCode(201)
  @ApiCreatedResponse({ description: '子基金已登记，含杠杆倍数 / Sub-fund recorded, with its leverage', standardSchema: SubFundView })
  @ApiNotFoundResponse({ description: '基金不存在 / Unknown fund' })
  add(@Param('id') fundId: string, @Body({ schema: AddSubFundCommand }) body: AddSubFundCommand, @CurrentPrincipal() principal: Principal, @RequestId() requestId: string | undefined) {
    return this.handler.execute(fundId, body, callerOf(principal, requestId));
  }
}
