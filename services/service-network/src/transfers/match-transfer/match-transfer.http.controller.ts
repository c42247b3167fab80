import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { MatchTransferCommand } from './match-transfer.command';
import { MatchTransferHandler } from './match-transfer.handler';

@ApiTags('成果转化 transfers')
@ApiBearerAuth()
@Controller('transfers')
export class MatchTransferHttpController {
  constructor(private readonly handler: MatchTransferHandler) {}

  @Post(':id/match')
  @HttpCode(200)
  @ApiOperation({ summary: '选定承接方（候选 → 对接中） / Choose the receiving park or company' })
  match(@Param('id') id: string, @Body({ schema: MatchTransferCommand }) body: MatchTransferCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(id, body, commandContext(who, req));
  }
}
