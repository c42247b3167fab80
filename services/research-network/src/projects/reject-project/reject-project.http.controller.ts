import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Writer, type WriteContext } from '../../common/write-context';
import { RejectProjectBody, type RejectProjectCommand } from './reject-project.command';
import { RejectProjectHandler } from './reject-project.handler';

@ApiTags('projects 项目遴选')
@ApiBearerAuth()
@Controller('projects')
export class RejectProjectHttpController {
  constructor(private readonly handler: RejectProjectHandler) {}

  @Post(':id/rejection')
  @HttpCode(200)
  @ApiOperation({
    summary: '不予通过 / Reject the project',
    description: 'From under-review (stage screening) or in-demonstration (stage demonstration). Emits research.project.rejected.v1.',
  })
  reject(@Param('id') id: string, @Body({ schema: RejectProjectBody }) body: RejectProjectCommand, @Writer() ctx: WriteContext) {
    return this.handler.execute(id, body, ctx);
  }
}
