import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal } from '@tjc/auth';
import { Id } from '@tjc/contracts';
import { RequestId } from '../../shared/request-id.decorator';
import { ApplyToChallengeCommand } from './apply-to-challenge.command';
import { ApplyToChallengeHandler } from './apply-to-challenge.handler';

@ApiTags('challenges 揭榜挂帅')
@ApiBearerAuth()
@Controller('challenges')
export class ApplyToChallengeHttpController {
  constructor(private readonly handler: ApplyToChallengeHandler) {}

  @Post(':id/applications')
  apply(@Param('id', { schema: Id }) id: string, @Body({ schema: ApplyToChallengeCommand }) body: ApplyToChallengeCommand, @CurrentPrincipal() who: Principal, @RequestId() requestId?: string) {
    return this.handler.execute(id, body, { actor: actorOf(who), requestId });
  }
}
