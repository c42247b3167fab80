import { Body, Controller, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { callerOf, RequestId } from '../../shared/http-context.service';
import { GrantView } from '../grant-view.service';
import { MeetMilestoneCommand } from './meet-milestone.command';
import { MeetMilestoneHandler } from './meet-milestone.handler';

@ApiTags('grants 拨投联动')
@ApiBearerAuth()
@Controller('grants')
export class MeetMilestoneHttpController {
  constructor(private readonly handler: MeetMilestoneHandler) {}

  @Post(':id/milestones/:seq/meet')
  @HttpCode(200)
  @ApiOkResponse({ description: '里程碑已达成 / Milestone met', standardSchema: GrantView })
  @ApiNotFoundResponse({ description: '资助或里程碑不存在 / Unknown grant or milestone' })
  @ApiConflictResponse({ description: '资助不在已拨付状态、里程碑已达成或 version 过期 / Grant not awarded, milestone already met, or stale version' })
  meet(
    @Param('id') id: string,
    @Param('seq') seqParam: string,
    @Body({ schema: MeetMilestoneCommand }) body: MeetMilestoneCommand,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string | undefined,
  ) {
    // The milestone is addressed by its position; anything that is not one names no milestone (404).
    if (!/^[1-9]\d{0,2}$/.test(seqParam)) throw new NotFoundException(`grant ${id} has no milestone ${seqParam}`);
    return this.handler.execute(id, Number(seqParam), body, callerOf(principal, requestId));
  }
}
