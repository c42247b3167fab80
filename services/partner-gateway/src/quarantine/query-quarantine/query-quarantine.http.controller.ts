import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tjc/auth';
import { QuarantineListQuery } from './query-quarantine.command';
import { QueryQuarantineHandler } from './query-quarantine.handler';

/**
 * What partners sent that was refused. Raw partner input may carry
 * unpublished detail, so it is not open to every reader: coordinators
 * (who follow up with partners), center admins and ops.
 */
@ApiTags('quarantine')
@ApiBearerAuth()
@Roles('coordinator', 'center-admin', 'ops')
@Controller('quarantine')
export class QueryQuarantineHttpController {
  constructor(private readonly handler: QueryQuarantineHandler) {}

  @Get()
  list(@Query({ schema: QuarantineListQuery }) query: QuarantineListQuery) {
    return this.handler.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.handler.get(id);
  }

  @Get(':id/audit')
  audit(@Param('id') id: string) {
    return this.handler.audit(id);
  }
}
