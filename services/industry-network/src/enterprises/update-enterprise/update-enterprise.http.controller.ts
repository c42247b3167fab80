import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal } from '@tjc/auth';
import { Id } from '@tjc/contracts';
import { RequestId } from '../../shared/request-id.decorator';
import { UpdateEnterpriseCommand } from './update-enterprise.command';
import { UpdateEnterpriseHandler } from './update-enterprise.handler';

@ApiTags('enterprises 企业')
@ApiBearerAuth()
@Controller('enterprises')
export class UpdateEnterpriseHttpController {
  constructor(private readonly handler: UpdateEnterpriseHandler) {}

  @Patch(':id')
  update(@Param('id', { schema: Id }) id: string, @Body({ schema: UpdateEnterpriseCommand }) body: UpdateEnterpriseCommand, @CurrentPrincipal() who: Principal, @RequestId() requestId?: string) {
    return this.handler.execute(id, body, { actor: actorOf(who), requestId });
  }
}
