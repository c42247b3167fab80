import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Id } from '@tjc/contracts';
import { ListConsortiaQuery, ListProposalsQuery, ReadConsortiaHandler } from './read-consortia.handler';

@ApiTags('consortia 创新联合体')
@ApiBearerAuth()
@Controller()
export class ReadConsortiaHttpController {
  constructor(private readonly handler: ReadConsortiaHandler) {}

  @Get('consortia')
  list(@Query({ schema: ListConsortiaQuery }) query: ListConsortiaQuery) {
    return this.handler.list(query);
  }

  /** Proposals awaiting the coordinator's confirmation (consortia in state `proposed`). */
  @Get('consortium-proposals')
  proposals(@Query({ schema: ListProposalsQuery }) query: ListProposalsQuery) {
    return this.handler.list({ ...query, status: 'proposed' });
  }

  @Get('consortia/:id')
  get(@Param('id', { schema: Id }) id: string) {
    return this.handler.get(id);
  }

  @Get('consortia/:id/audit')
  audit(@Param('id', { schema: Id }) id: string) {
    return this.handler.audit(id);
  }
}
