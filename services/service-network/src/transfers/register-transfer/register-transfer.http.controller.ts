import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@tjc/auth';
import { commandContext } from '../../common/command-context';
import { RegisterTransferCommand } from './register-transfer.command';
import { RegisterTransferHandler } from './register-transfer.handler';

@ApiTags('成果转化 transfers')
@ApiBearerAuth()
@Controller('transfers')
export class RegisterTransferHttpController {
  constructor(private readonly handler: RegisterTransferHandler) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '登记转化候选成果 / Register an achievement offered for transfer (candidate)' })
  register(@Body({ schema: RegisterTransferCommand }) body: RegisterTransferCommand, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(body, commandContext(who, req));
  }
}
