import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { callerOf, RequestId } from '../../shared/http-context.service';
import { FundView } from '../fund-view.service';
import { UpdateFundCommand } from './update-fund.command';
import { UpdateFundHandler } from './update-fund.handler';

@ApiTags('funds 基金')
@ApiBearerAuth()
@Controller('funds')
export class UpdateFundHttpController {
  constructor(private readonly handler: UpdateFundHandler) {}

  @Patch(':id')
  @ApiOkResponse({ description: '基金信息已更新 / Fund updated', standardSchema: FundView })
  @ApiNotFoundResponse({ description: '基金不存在 / Unknown fund' })
  @ApiConflictResponse({ description: 'version 已过期 / Stale version (body has currentVersion)' })
  update(@Param('id') id: string, @Body({ schema: UpdateFundCommand }) body: UpdateFundCommand, @CurrentPrincipal() principal: Principal, @RequestId() requestId: string | undefined) {
    return this.handler.execute(id, body, callerOf(principal, requestId));
  }
}
