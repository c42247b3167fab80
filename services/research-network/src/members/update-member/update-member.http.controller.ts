import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Writer, type WriteContext } from '../../common/write-context';
import { UpdateMemberBody, type UpdateMemberCommand } from './update-member.command';
import { UpdateMemberHandler } from './update-member.handler';

@ApiTags('members 成员单位')
@ApiBearerAuth()
@Controller('members')
export class UpdateMemberHttpController {
  constructor(private readonly handler: UpdateMemberHandler) {}

  @Patch(':id')
  @ApiOperation({ summary: '修改成员单位 / Update a member', description: 'Carries `version`; 409 with `currentVersion` when stale.' })
  update(@Param('id') id: string, @Body({ schema: UpdateMemberBody }) body: UpdateMemberCommand, @Writer() ctx: WriteContext) {
    return this.handler.execute(id, body, ctx);
  }
}
