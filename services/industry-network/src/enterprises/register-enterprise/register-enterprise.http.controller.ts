import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal } from '@tjc/auth';
import { RequestId } from '../../shared/request-id.decorator';
import { RegisterEnterpriseCommand } from './register-enterprise.command';
import { RegisterEnterpriseHandler } from './register-enterprise.handler';

@ApiTags('enterprises 企业')
@ApiBearerAuth()
@Controller('enterprises')
export class RegisterEnterpriseHttpController {
  constructor(private readonly handler: RegisterEnterpriseHandler) {}

  @Post()
  register(@Body({ schema: RegisterEnterpriseCommand }) body: RegisterEnterpriseCommand, @CurrentPrincipal() who: Principal, @RequestId() requestId?: string) {
    return this.handler.execute(body, { actor: actorOf(who), requestId });
  }
}
