import { Module } from '@nestjs/common';
import { ReadSuggestionsHandler } from './read-suggestions/read-suggestions.handler';
import { ReadSuggestionsHttpController } from './read-suggestions/read-suggestions.http.controller';
import { SuggestOnProjectFoundConsumer } from './suggest-on-project-found/suggest-on-project-found.consumer';

@Module({
  controllers: [ReadSuggestionsHttpController, SuggestOnProjectFoundConsumer],
  providers: [ReadSuggestionsHandler],
})
export class SuggestionsModule {}
