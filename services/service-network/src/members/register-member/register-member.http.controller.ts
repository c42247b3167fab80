import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { RegisterMemberCommand } from './register-member.command';
import { RegisterMemberHandler } from './register-member.handler';

@ApiTags('成员 members')
@ApiBearerAuth()
@Controller('members')
export class RegisterMemberHttpController {
  constructor(private readonly handler: RegisterMemberHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '登记服务网络成员（技术转移机构、培养基地、园区） / Register a member' })
  register(@Body({ schema: RegisterMemberCommand }) body: RegisterMemberCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(body, commandContext(who, req));
  }
}
