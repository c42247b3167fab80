import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Id } from '@tjc/contracts';
import { ListApplicationsQuery, ListChallengesQuery, ReadChallengesHandler } from './read-challenges.handler';

@ApiTags('challenges 揭榜挂帅')
@ApiBearerAuth()
@Controller('challenges')
export class ReadChallengesHttpController {
  constructor(private readonly handler: ReadChallengesHandler) {}

  @Get()
  list(@Query({ schema: ListChallengesQuery }) query: ListChallengesQuery) {
    return this.handler.list(query);
  }

  @Get(':id')
  get(@Param('id', { schema: Id }) id: string) {
    return this.handler.get(id);
  }

  @Get(':id/applications')
  applications(@Param('id', { schema: Id }) id: string, @Query({ schema: ListApplicationsQuery }) query: ListApplicationsQuery) {
    return this.handler.applications(id, query);
  }

  @Get(':id/audit')
  audit(@Param('id', { schema: Id }) id: string) {
    return this.handler.audit(id);
  }
}
