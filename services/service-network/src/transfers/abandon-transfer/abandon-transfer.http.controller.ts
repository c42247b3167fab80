import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { AbandonTransferCommand } from './abandon-transfer.command';
import { AbandonTransferHandler } from './abandon-transfer.handler';

@ApiTags('成果转化 transfers')
@ApiBearerAuth()
@Controller('transfers')
export class AbandonTransferHttpController {
  constructor(private readonly handler: AbandonTransferHandler) {}

  @Post(':id/abandon')
  @HttpCode(200)
  @ApiOperation({ summary: '终止转化 / Abandon the transfer' })
  abandon(@Param('id') id: string, @Body({ schema: AbandonTransferCommand }) body: AbandonTransferCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(id, body, commandContext(who, req));
  }
}
