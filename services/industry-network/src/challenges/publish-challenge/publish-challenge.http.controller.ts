import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal } from '@tjc/auth';
import { RequestId } from '../../shared/request-id.decorator';
import { PublishChallengeCommand } from './publish-challenge.command';
import { PublishChallengeHandler } from './publish-challenge.handler';

@ApiTags('challenges 揭榜挂帅')
@ApiBearerAuth()
@Controller('challenges')
export class PublishChallengeHttpController {
  constructor(private readonly handler: PublishChallengeHandler) {}

  @Post()
  publish(@Body({ schema: PublishChallengeCommand }) body: PublishChallengeCommand, @CurrentPrincipal() who: Principal, @RequestId() requestId?: string) {
    return this.handler.execute(body, { actor: actorOf(who), requestId });
  }
}
