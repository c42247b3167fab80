import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { SubmitCorrectionCommand } from './submit-correction.command';
import { SubmitCorrectionHandler } from './submit-correction.handler';

@ApiTags('更正 Corrections')
@ApiBearerAuth()
@Controller('kpi/corrections')
export class SubmitCorrectionHttpController {
  constructor(private readonly handler: SubmitCorrectionHandler) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Retract or amend an event (center admin)',
    description: 'Publishes center.event.corrected.v1 as tjc/center. Applies when consumed; a correction that arrives before its target waits for it. A change to a closed year is recorded as a restatement.',
  })
  submit(@Body({ schema: SubmitCorrectionCommand }) body: SubmitCorrectionCommand, @CurrentPrincipal() principal: Principal, @Req() req: { id?: string }) {
    return this.handler.submit(body, principal, req.id);
  }
}
