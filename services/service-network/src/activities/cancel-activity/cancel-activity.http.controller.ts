import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { CancelActivityCommand } from './cancel-activity.command';
import { CancelActivityHandler } from './cancel-activity.handler';

@ApiTags('活动 activities')
@ApiBearerAuth()
@Controller('activities')
export class CancelActivityHttpController {
  constructor(private readonly handler: CancelActivityHandler) {}

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '取消活动 / Cancel the activity' })
  cancel(@Param('id') id: string, @Body({ schema: CancelActivityCommand }) body: CancelActivityCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(id, body, commandContext(who, req));
  }
}
