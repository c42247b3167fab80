import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { PlanActivityCommand } from './plan-activity.command';
import { PlanActivityHandler } from './plan-activity.handler';

@ApiTags('活动 activities')
@ApiBearerAuth()
@Controller('activities')
export class PlanActivityHttpController {
  constructor(private readonly handler: PlanActivityHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '计划活动 / Plan an activity' })
  plan(@Body({ schema: PlanActivityCommand }) body: PlanActivityCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(body, commandContext(who, req));
  }
}
