import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal } from '@tjc/auth';
import { Id } from '@tjc/contracts';
import { RequestId } from '../../shared/request-id.decorator';
import { CloseDemandCommand } from './close-demand.command';
import { CloseDemandHandler } from './close-demand.handler';

@ApiTags('demands 需求清单')
@ApiBearerAuth()
@Controller('demands')
export class CloseDemandHttpController {
  constructor(private readonly handler: CloseDemandHandler) {}

  @Post(':id/close')
  @HttpCode(200)
  close(@Param('id', { schema: Id }) id: string, @Body({ schema: CloseDemandCommand }) body: CloseDemandCommand, @CurrentPrincipal() who: Principal, @RequestId() requestId?: string) {
    return this.handler.execute(id, body, { actor: actorOf(who), requestId });
  }
}
