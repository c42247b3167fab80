import { Module } from '@nestjs/common';
import { CancelActivityHandler } from './cancel-activity/cancel-activity.handler';
import { CancelActivityHttpController } from './cancel-activity/cancel-activity.http.controller';
import { HoldActivityHandler } from './hold-activity/hold-activity.handler';
import { HoldActivityHttpController } from './hold-activity/hold-activity.http.controller';
import { PlanActivityHandler } from './plan-activity/plan-activity.handler';
import { PlanActivityHttpController } from './plan-activity/plan-activity.http.controller';
import { QueryActivitiesHttpController } from './query-activities/query-activities.http.controller';

/** 活动: project promotion, supply–demand matching, financing roadshows, academic exchange. */
@Module({
  controllers: [QueryActivitiesHttpController, PlanActivityHttpController, HoldActivityHttpController, CancelActivityHttpController],
  providers: [PlanActivityHandler, HoldActivityHandler, CancelActivityHandler],
})
export class ActivitiesModule {}
