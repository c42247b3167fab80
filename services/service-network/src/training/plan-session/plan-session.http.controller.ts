import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { PlanSessionCommand } from './plan-session.command';
import { PlanSessionHandler } from './plan-session.handler';

@ApiTags('培训 training')
@ApiBearerAuth()
@Controller('training-sessions')
export class PlanSessionHttpController {
  constructor(private readonly handler: PlanSessionHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '计划培训班次 / Plan a training session' })
  plan(@Body({ schema: PlanSessionCommand }) body: PlanSessionCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(body, commandContext(who, req));
  }
}
