import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal } from '@tjc/auth';
import { Id } from '@tjc/contracts';
import { RequestId } from '../../shared/request-id.decorator';
import { CancelChallengeCommand } from './cancel-challenge.command';
import { CancelChallengeHandler } from './cancel-challenge.handler';

@ApiTags('challenges 揭榜挂帅')
@ApiBearerAuth()
@Controller('challenges')
export class CancelChallengeHttpController {
  constructor(private readonly handler: CancelChallengeHandler) {}

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id', { schema: Id }) id: string, @Body({ schema: CancelChallengeCommand }) body: CancelChallengeCommand, @CurrentPrincipal() who: Principal, @RequestId() requestId?: string) {
    return this.handler.execute(id, body, { actor: actorOf(who), requestId });
  }
}
