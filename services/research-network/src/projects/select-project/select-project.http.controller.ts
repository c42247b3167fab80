import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Writer, type WriteContext } from '../../common/write-context';
import { SelectProjectBody, type SelectProjectCommand } from './select-project.command';
import { SelectProjectHandler } from './select-project.handler';

@ApiTags('projects 项目遴选')
@ApiBearerAuth()
@Controller('projects')
export class SelectProjectHttpController {
  constructor(private readonly handler: SelectProjectHandler) {}

  @Post(':id/selection')
  @HttpCode(200)
  @ApiOperation({
    summary: '遴选通过 / Select (found) the project',
    description: 'in-demonstration → found. Emits research.project.found.v1 with `time` = foundAt (default now) and the landing plan when given.',
  })
  select(@Param('id') id: string, @Body({ schema: SelectProjectBody }) body: SelectProjectCommand, @Writer() ctx: WriteContext) {
    return this.handler.execute(id, body, ctx);
  }
}
