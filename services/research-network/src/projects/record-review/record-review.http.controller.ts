import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Writer, type WriteContext } from '../../common/write-context';
import { RecordReviewBody, type RecordReviewCommand } from './record-review.command';
import { RecordReviewHandler } from './record-review.handler';

@ApiTags('projects 项目遴选')
@ApiBearerAuth()
@Controller('projects')
export class RecordReviewHttpController {
  constructor(private readonly handler: RecordReviewHandler) {}

  @Post(':id/reviews')
  @HttpCode(201)
  @ApiOperation({
    summary: '录入专家评审意见 / Record one expert review',
    description: 'One score (0–100) and comment per assigned expert. The last review completes the screening and emits research.project.screened.v1.',
  })
  record(@Param('id') id: string, @Body({ schema: RecordReviewBody }) body: RecordReviewCommand, @Writer() ctx: WriteContext) {
    return this.handler.execute(id, body, ctx);
  }
}
