import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Id } from '@tjc/contracts';
import { ListEnterprisesQuery, ReadEnterprisesHandler } from './read-enterprises.handler';

@ApiTags('enterprises 企业')
@ApiBearerAuth()
@Controller('enterprises')
export class ReadEnterprisesHttpController {
  constructor(private readonly handler: ReadEnterprisesHandler) {}

  @Get()
  list(@Query({ schema: ListEnterprisesQuery }) query: ListEnterprisesQuery) {
    return this.handler.list(query);
  }

  @Get(':id')
  get(@Param('id', { schema: Id }) id: string) {
    return this.handler.get(id);
  }

  @Get(':id/audit')
  audit(@Param('id', { schema: Id }) id: string) {
    return this.handler.audit(id);
  }
}
