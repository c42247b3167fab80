import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { WithdrawEnrolmentCommand } from './withdraw-enrolment.command';
import { WithdrawEnrolmentHandler } from './withdraw-enrolment.handler';

@ApiTags('培训 training')
@ApiBearerAuth()
@Controller('training-sessions')
export class WithdrawEnrolmentHttpController {
  constructor(private readonly handler: WithdrawEnrolmentHandler) {}

  @Post(':id/enrolments/:enrolmentId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '学员退出 / Withdraw an enrolment' })
  withdraw(
    @Param('id') id: string,
    @Param('enrolmentId') enrolmentId: string,
    @Body({ schema: WithdrawEnrolmentCommand }) body: WithdrawEnrolmentCommand,
    @CurrentPrincipal() who: Principal,
    @Req() req: { id?: string },
  ) {
    return this.handler.execute(id, enrolmentId, body, commandContext(who, req));
  }
}
