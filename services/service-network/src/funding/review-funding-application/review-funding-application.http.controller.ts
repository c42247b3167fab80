import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { ReviewFundingApplicationCommand } from './review-funding-application.command';
import { ReviewFundingApplicationHandler } from './review-funding-application.handler';

@ApiTags('专项资金 funding applications')
@ApiBearerAuth()
@Controller('funding-applications')
export class ReviewFundingApplicationHttpController {
  constructor(private readonly handler: ReviewFundingApplicationHandler) {}

  @Post(':id/review')
  @HttpCode(200)
  @ApiOperation({ summary: '录入专家评审（已申请 → 已评审） / Record the expert review' })
  review(@Param('id') id: string, @Body({ schema: ReviewFundingApplicationCommand }) body: ReviewFundingApplicationCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(id, body, commandContext(who, req));
  }
}
