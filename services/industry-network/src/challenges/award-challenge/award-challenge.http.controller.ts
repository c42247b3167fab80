import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal } from '@tjc/auth';
import { Id } from '@tjc/contracts';
import { RequestId } from '../../shared/request-id.decorator';
import { AwardChallengeCommand } from './award-challenge.command';
import { AwardChallengeHandler } from './award-challenge.handler';

@ApiTags('challenges 揭榜挂帅')
@ApiBearerAuth()
@Controller('challenges')
export class AwardChallengeHttpController {
  constructor(private readonly handler: AwardChallengeHandler) {}

  @Post(':id/award')
  @HttpCode(200)
  award(@Param('id', { schema: Id }) id: string, @Body({ schema: AwardChallengeCommand }) body: AwardChallengeCommand, @CurrentPrincipal() who: Principal, @RequestId() requestId?: string) {
    return this.handler.execute(id, body, { actor: actorOf(who), requestId });
  }
}
