import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Writer, type WriteContext } from '../../common/write-context';
import { AssignExpertsBody, type AssignExpertsCommand } from './assign-experts.command';
import { AssignExpertsHandler } from './assign-experts.handler';

@ApiTags('projects 项目遴选')
@ApiBearerAuth()
@Controller('projects')
export class AssignExpertsHttpController {
  constructor(private readonly handler: AssignExpertsHandler) {}

  @Post(':id/review-panel')
  @HttpCode(200)
  @ApiOperation({
    summary: '组建评审专家组 / Assign the review panel',
    description: 'submitted → under-review. ≥3 experts whose fields include the project field; conflicts of interest answer 400 (`expertIds.<i>`, `conflict_of_interest`).',
  })
  assign(@Param('id') id: string, @Body({ schema: AssignExpertsBody }) body: AssignExpertsCommand, @Writer() ctx: WriteContext) {
    return this.handler.execute(id, body, ctx);
  }
}
