import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { CompleteSessionCommand } from './complete-session.command';
import { CompleteSessionHandler } from './complete-session.handler';

@ApiTags('培训 training')
@ApiBearerAuth()
@Controller('training-sessions')
export class CompleteSessionHttpController {
  constructor(private readonly handler: CompleteSessionHandler) {}

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: '结班（进行中 → 已结业） / Close the session' })
  complete(@Param('id') id: string, @Body({ schema: CompleteSessionCommand }) body: CompleteSessionCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(id, body, commandContext(who, req));
  }
}
