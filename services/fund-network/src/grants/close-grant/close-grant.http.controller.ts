import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { callerOf, RequestId } from '../../shared/http-context.service';
import { GrantView } from '../grant-view.service';
import { CloseGrantCommand } from './close-grant.command';
import { CloseGrantHandler } from './close-grant.handler';

@ApiTags('grants 拨投联动')
@ApiBearerAuth()
@Controller('grants')
export class CloseGrantHttpController {
  constructor(private readonly handler: CloseGrantHandler) {}

  @Post(':id/close')
  @HttpCode(200)
  @ApiOkResponse({ description: '资助已结题 / Grant closed', standardSchema: GrantView })
  @ApiNotFoundResponse({ description: '资助不存在 / Unknown grant' })
  @ApiConflictResponse({ description: '已转投或已结题，或 version 过期 / Already final, or stale version' })
  close(@Param('id') id: string, @Body({ schema: CloseGrantCommand }) body: CloseGrantCommand, @CurrentPrincipal() principal: Principal, @RequestId() requestId: string | undefined) {
    return this.handler.execute(id, body, callerOf(principal, requestId));
  }
}
