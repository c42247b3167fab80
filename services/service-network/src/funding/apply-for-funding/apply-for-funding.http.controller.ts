import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { ApplyForFundingCommand } from './apply-for-funding.command';
import { ApplyForFundingHandler } from './apply-for-funding.handler';

@ApiTags('专项资金 funding applications')
@ApiBearerAuth()
@Controller('transfers')
export class ApplyForFundingHttpController {
  constructor(private readonly handler: ApplyForFundingHandler) {}

  @Post(':id/funding-applications')
  @HttpCode(201)
  @ApiOperation({ summary: '已落地项目申请专项资金 / Apply for special funding for a landed transfer' })
  apply(@Param('id') id: string, @Body({ schema: ApplyForFundingCommand }) body: ApplyForFundingCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(id, body, commandContext(who, req));
  }
}
