import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal } from '@tjc/auth';
import { RequestId } from '../../shared/request-id.decorator';
import { FormConsortiumCommand } from './form-consortium.command';
import { FormConsortiumHandler } from './form-consortium.handler';

@ApiTags('consortia 创新联合体')
@ApiBearerAuth()
@Controller('consortia')
export class FormConsortiumHttpController {
  constructor(private readonly handler: FormConsortiumHandler) {}

  @Post()
  form(@Body({ schema: FormConsortiumCommand }) body: FormConsortiumCommand, @CurrentPrincipal() who: Principal, @RequestId() requestId?: string) {
    return this.handler.execute(body, { actor: actorOf(who), requestId });
  }
}
