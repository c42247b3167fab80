import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { EnrolTraineeCommand } from './enrol-trainee.command';
import { EnrolTraineeHandler } from './enrol-trainee.handler';

@ApiTags('培训 training')
@ApiBearerAuth()
@Controller('training-sessions')
export class EnrolTraineeHttpController {
  constructor(private readonly handler: EnrolTraineeHandler) {}

  @Post(':id/enrolments')
  @HttpCode(201)
  @ApiOperation({ summary: '学员报名 / Enrol a trainee' })
  enrol(@Param('id') id: string, @Body({ schema: EnrolTraineeCommand }) body: EnrolTraineeCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(id, body, commandContext(who, req));
  }
}
