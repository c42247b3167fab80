import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Writer, type WriteContext } from '../../common/write-context';
import { SubmitProjectBody, type SubmitProjectCommand } from './submit-project.command';
import { SubmitProjectHandler } from './submit-project.handler';

@ApiTags('projects 项目遴选')
@ApiBearerAuth()
@Controller('projects')
export class SubmitProjectHttpController {
  constructor(private readonly handler: SubmitProjectHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '提交项目 / Submit a project to the pipeline', description: 'Research coordinator or center admin. Emits research.project.submitted.v1 (public summary only).' })
  submit(@Body({ schema: SubmitProjectBody }) body: SubmitProjectCommand, @Writer() ctx: WriteContext) {
    return this.handler.execute(body, ctx);
  }
}
