import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Writer, type WriteContext } from '../../common/write-context';
import { UpdateProjectBody, type UpdateProjectCommand } from './update-project.command';
import { UpdateProjectHandler } from './update-project.handler';

@ApiTags('projects 项目遴选')
@ApiBearerAuth()
@Controller('projects')
export class UpdateProjectHttpController {
  constructor(private readonly handler: UpdateProjectHandler) {}

  @Patch(':id')
  @ApiOperation({ summary: '修改已提交项目 / Correct a submitted project', description: 'Only while `submitted`; carries `version` (409 when stale).' })
  update(@Param('id') id: string, @Body({ schema: UpdateProjectBody }) body: UpdateProjectCommand, @Writer() ctx: WriteContext) {
    return this.handler.execute(id, body, ctx);
  }
}
