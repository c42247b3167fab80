import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { NegotiateTransferCommand } from './negotiate-transfer.command';
import { NegotiateTransferHandler } from './negotiate-transfer.handler';

@ApiTags('成果转化 transfers')
@ApiBearerAuth()
@Controller('transfers')
export class NegotiateTransferHttpController {
  constructor(private readonly handler: NegotiateTransferHandler) {}

  @Post(':id/negotiate')
  @HttpCode(200)
  @ApiOperation({ summary: '进入洽谈（对接中 → 洽谈中） / Start negotiation' })
  negotiate(@Param('id') id: string, @Body({ schema: NegotiateTransferCommand }) body: NegotiateTransferCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(id, body, commandContext(who, req));
  }
}
