import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { DeclineFundingCommand, GrantFundingCommand } from './decide-funding-application.command';
import { DecideFundingApplicationHandler } from './decide-funding-application.handler';

@ApiTags('专项资金 funding applications')
@ApiBearerAuth()
@Controller('funding-applications')
export class DecideFundingApplicationHttpController {
  constructor(private readonly handler: DecideFundingApplicationHandler) {}

  @Post(':id/grant')
  @HttpCode(200)
  @ApiOperation({ summary: '批准资助（已评审 → 已资助） / Grant the special funding' })
  grant(@Param('id') id: string, @Body({ schema: GrantFundingCommand }) body: GrantFundingCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.grant(id, body, commandContext(who, req));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: '不予资助（已评审 → 未获资助） / Decline the application' })
  decline(@Param('id') id: string, @Body({ schema: DeclineFundingCommand }) body: DeclineFundingCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.decline(id, body, commandContext(who, req));
  }
}
