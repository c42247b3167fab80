import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Writer, type WriteContext } from '../../common/write-context';
import { UpdateExpertBody, type UpdateExpertCommand } from './update-expert.command';
import { UpdateExpertHandler } from './update-expert.handler';

@ApiTags('experts 专家库')
@ApiBearerAuth()
@Controller('experts')
export class UpdateExpertHttpController {
  constructor(private readonly handler: UpdateExpertHandler) {}

  @Patch(':id')
  @ApiOperation({ summary: '修改专家信息 / Update an expert', description: 'Carries `version`; 409 with `currentVersion` when stale.' })
  update(@Param('id') id: string, @Body({ schema: UpdateExpertBody }) body: UpdateExpertCommand, @Writer() ctx: WriteContext) {
    return this.handler.execute(id, body, ctx);
  }
}
