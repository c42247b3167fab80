import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal } from '@tjc/auth';
import { Id } from '@tjc/contracts';
import { RequestId } from '../../shared/request-id.decorator';
import { ConcludeConsortiumCommand } from './conclude-consortium.command';
import { ConcludeConsortiumHandler } from './conclude-consortium.handler';

@ApiTags('consortia 创新联合体')
@ApiBearerAuth()
@Controller('consortia')
export class ConcludeConsortiumHttpController {
  constructor(private readonly handler: ConcludeConsortiumHandler) {}

  @Post(':id/conclude')
  @HttpCode(200)
  conclude(@Param('id', { schema: Id }) id: string, @Body({ schema: ConcludeConsortiumCommand }) body: ConcludeConsortiumCommand, @CurrentPrincipal() who: Principal, @RequestId() requestId?: string) {
    return this.handler.execute(id, body, { actor: actorOf(who), requestId });
  }
}
