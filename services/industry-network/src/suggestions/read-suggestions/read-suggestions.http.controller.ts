import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Id } from '@tjc/contracts';
import { ListDemandSuggestionsQuery, ListSuggestionsQuery, ReadSuggestionsHandler } from './read-suggestions.handler';

@ApiTags('suggestions 联合体推荐')
@ApiBearerAuth()
@Controller()
export class ReadSuggestionsHttpController {
  constructor(private readonly handler: ReadSuggestionsHandler) {}

  @Get('suggestions')
  list(@Query({ schema: ListSuggestionsQuery }) query: ListSuggestionsQuery) {
    return this.handler.list(query);
  }

  @Get('demands/:id/suggestions')
  forDemand(@Param('id', { schema: Id }) id: string, @Query({ schema: ListDemandSuggestionsQuery }) query: ListDemandSuggestionsQuery) {
    return this.handler.forDemand(id, query);
  }
}
