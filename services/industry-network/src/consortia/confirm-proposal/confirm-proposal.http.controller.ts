import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal } from '@tjc/auth';
import { Id } from '@tjc/contracts';
import { RequestId } from '../../shared/request-id.decorator';
import { ConfirmProposalCommand } from './confirm-proposal.command';
import { ConfirmProposalHandler } from './confirm-proposal.handler';

@ApiTags('consortia 创新联合体')
@ApiBearerAuth()
@Controller('consortium-proposals')
export class ConfirmProposalHttpController {
  constructor(private readonly handler: ConfirmProposalHandler) {}

  @Post(':id/confirm')
  @HttpCode(200)
  confirm(@Param('id', { schema: Id }) id: string, @Body({ schema: ConfirmProposalCommand }) body: ConfirmProposalCommand, @CurrentPrincipal() who: Principal, @RequestId() requestId?: string) {
    return this.handler.execute(id, body, { actor: actorOf(who), requestId });
  }
}
