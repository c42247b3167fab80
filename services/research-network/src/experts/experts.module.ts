import { Module } from '@nestjs/common';
import { QueryExpertsHandler } from './query-experts/query-experts.handler';
import { QueryExpertsHttpController } from './query-experts/query-experts.http.controller';
import { RegisterExpertHandler } from './register-expert/register-expert.handler';
import { RegisterExpertHttpController } from './register-expert/register-expert.http.controller';
import { UpdateExpertHandler } from './update-expert/update-expert.handler';
import { UpdateExpertHttpController } from './update-expert/update-expert.http.controller';

/** The expert pool (专家库): experts of the three regions who review projects. */
@Module({
  controllers: [RegisterExpertHttpController, UpdateExpertHttpController, QueryExpertsHttpController],
  providers: [RegisterExpertHandler, UpdateExpertHandler, QueryExpertsHandler],
})
export class ExpertsModule {}
