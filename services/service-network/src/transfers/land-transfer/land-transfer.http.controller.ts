import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { LandTransferCommand } from './land-transfer.command';
import { LandTransferHandler } from './land-transfer.handler';

@ApiTags('成果转化 transfers')
@ApiBearerAuth()
@Controller('transfers')
export class LandTransferHttpController {
  constructor(private readonly handler: LandTransferHandler) {}

  @Post(':id/land')
  @HttpCode(200)
  @ApiOperation({ summary: '成果落地（洽谈中 → 已落地），发布 service.achievement.transferred.v1 / Land the transfer' })
  land(@Param('id') id: string, @Body({ schema: LandTransferCommand }) body: LandTransferCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(id, body, commandContext(who, req));
  }
}
