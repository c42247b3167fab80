import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { RecordCompletionsCommand } from './record-completions.command';
import { RecordCompletionsHandler } from './record-completions.handler';

@ApiTags('培训 training')
@ApiBearerAuth()
@Controller('training-sessions')
export class RecordCompletionsHttpController {
  constructor(private readonly handler: RecordCompletionsHandler) {}

  @Post(':id/completions')
  @HttpCode(200)
  @ApiOperation({ summary: '登记结业（幂等），发布 service.training.completed.v1 / Record completions' })
  record(@Param('id') id: string, @Body({ schema: RecordCompletionsCommand }) body: RecordCompletionsCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(id, body, commandContext(who, req));
  }
}
