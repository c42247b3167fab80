import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Writer, type WriteContext } from '../../common/write-context';
import { RegisterMemberBody, type RegisterMemberCommand } from './register-member.command';
import { RegisterMemberHandler } from './register-member.handler';

@ApiTags('members 成员单位')
@ApiBearerAuth()
@Controller('members')
export class RegisterMemberHttpController {
  constructor(private readonly handler: RegisterMemberHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '登记成员单位 / Register a member', description: 'Research coordinator or center admin; 409 when the name is already registered.' })
  register(@Body({ schema: RegisterMemberBody }) body: RegisterMemberCommand, @Writer() ctx: WriteContext) {
    return this.handler.execute(body, ctx);
  }
}
