import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal } from '@tjc/auth';
import { Id } from '@tjc/contracts';
import { RequestId } from '../../shared/request-id.decorator';
import { DelistKeyEnterpriseCommand, ListKeyEnterpriseCommand } from './key-listing.command';
import { KeyListingHandler } from './key-listing.handler';

@ApiTags('enterprises 企业')
@ApiBearerAuth()
@Controller('enterprises')
export class KeyListingHttpController {
  constructor(private readonly handler: KeyListingHandler) {}

  /** 列入天津中心重点企业名单（自某日起） / Put on the key-enterprise list from a date. */
  @Post(':id/key-listing')
  @HttpCode(200)
  list(@Param('id', { schema: Id }) id: string, @Body({ schema: ListKeyEnterpriseCommand }) body: ListKeyEnterpriseCommand, @CurrentPrincipal() who: Principal, @RequestId() requestId?: string) {
    return this.handler.list(id, body.version, body.listedOn, { actor: actorOf(who), requestId });
  }

  /** 移出重点企业名单（自某日起） / Take off the list from a date. */
  @Post(':id/key-delisting')
  @HttpCode(200)
  delist(@Param('id', { schema: Id }) id: string, @Body({ schema: DelistKeyEnterpriseCommand }) body: DelistKeyEnterpriseCommand, @CurrentPrincipal() who: Principal, @RequestId() requestId?: string) {
    return this.handler.delist(id, body.version, body.delistedOn, { actor: actorOf(who), requestId });
  }

  /** 名单期间 / The listing periods. */
  @Get(':id/key-listings')
  periods(@Param('id', { schema: Id }) id: string) {
    return this.handler.periods(id);
  }
}
