import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Id } from '@tjc/contracts';
import { ListDemandsQuery, ReadDemandsHandler } from './read-demands.handler';

@ApiTags('demands 需求清单')
@ApiBearerAuth()
@Controller('demands')
export class ReadDemandsHttpController {
  constructor(private readonly handler: ReadDemandsHandler) {}

  @Get()
  list(@Query({ schema: ListDemandsQuery }) query: ListDemandsQuery) {
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
