import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { StartSessionCommand } from './start-session.command';
import { StartSessionHandler } from './start-session.handler';

@ApiTags('培训 training')
@ApiBearerAuth()
@Controller('training-sessions')
export class StartSessionHttpController {
  constructor(private readonly handler: StartSessionHandler) {}

  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({ summary: '开班（计划中 → 进行中） / Start the session' })
  start(@Param('id') id: string, @Body({ schema: StartSessionCommand }) body: StartSessionCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(id, body, commandContext(who, req));
  }
}
