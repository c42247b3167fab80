import { Module } from '@nestjs/common';
import { CloseDemandHandler } from './close-demand/close-demand.handler';
import { CloseDemandHttpController } from './close-demand/close-demand.http.controller';
import { PostDemandHandler } from './post-demand/post-demand.handler';
import { PostDemandHttpController } from './post-demand/post-demand.http.controller';
import { ReadDemandsHandler } from './read-demands/read-demands.handler';
import { ReadDemandsHttpController } from './read-demands/read-demands.http.controller';

@Module({
  controllers: [PostDemandHttpController, CloseDemandHttpController, ReadDemandsHttpController],
  providers: [PostDemandHandler, CloseDemandHandler, ReadDemandsHandler],
})
export class DemandsModule {}
