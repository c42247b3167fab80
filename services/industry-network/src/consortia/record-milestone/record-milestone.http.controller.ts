import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal } from '@tjc/auth';
import { Id } from '@tjc/contracts';
import { RequestId } from '../../shared/request-id.decorator';
import { RecordMilestoneCommand } from './record-milestone.command';
import { RecordMilestoneHandler } from './record-milestone.handler';

@ApiTags('consortia 创新联合体')
@ApiBearerAuth()
@Controller('consortia')
export class RecordMilestoneHttpController {
  constructor(private readonly handler: RecordMilestoneHandler) {}

  @Post(':id/milestones')
  record(@Param('id', { schema: Id }) id: string, @Body({ schema: RecordMilestoneCommand }) body: RecordMilestoneCommand, @CurrentPrincipal() who: Principal, @RequestId() requestId?: string) {
    return this.handler.execute(id, body, { actor: actorOf(who), requestId });
  }
}
