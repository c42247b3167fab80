import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, Roles, type Principal } from '@tjc/auth';
import { ResolveQuarantineBody } from './resolve-quarantine.command';
import { ResolveQuarantineHandler } from './resolve-quarantine.handler';

/**
 * Closing a quarantine entry is the center's decision (center admin) or
 * operations' (ops); coordinators inspect and follow up with the partner,
 * who resends the fixed event.
 */
@ApiTags('quarantine')
@ApiBearerAuth()
@Roles('center-admin', 'ops')
@Controller('quarantine')
export class ResolveQuarantineHttpController {
  constructor(private readonly handler: ResolveQuarantineHandler) {}

  @Post(':id/resolve')
  @HttpCode(200)
  resolve(@Param('id') id: string, @Body({ schema: ResolveQuarantineBody }) body: ResolveQuarantineBody, @CurrentPrincipal() who: Principal, @Req() req: { id?: string }) {
    return this.handler.execute(id, body, actorOf(who), req.id);
  }
}
