import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { HoldActivityCommand } from './hold-activity.command';
import { HoldActivityHandler } from './hold-activity.handler';

@ApiTags('活动 activities')
@ApiBearerAuth()
@Controller('activities')
export class HoldActivityHttpController {
  constructor(private readonly handler: HoldActivityHandler) {}

  @Post(':id/hold')
  @HttpCode(200)
  @ApiOperation({ summary: '记录活动举办（参与人数、对接数），发布 service.activity.held.v1 / Record that the activity was held' })
  hold(@Param('id') id: string, @Body({ schema: HoldActivityCommand }) body: HoldActivityCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(id, body, commandContext(who, req));
  }
}
