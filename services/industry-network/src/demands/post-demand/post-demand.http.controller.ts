import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal } from '@tjc/auth';
import { RequestId } from '../../shared/request-id.decorator';
import { PostDemandCommand } from './post-demand.command';
import { PostDemandHandler } from './post-demand.handler';

@ApiTags('demands 需求清单')
@ApiBearerAuth()
@Controller('demands')
export class PostDemandHttpController {
  constructor(private readonly handler: PostDemandHandler) {}

  @Post()
  post(@Body({ schema: PostDemandCommand }) body: PostDemandCommand, @CurrentPrincipal() who: Principal, @RequestId() requestId?: string) {
    return this.handler.execute(body, { actor: actorOf(who), requestId });
  }
}
