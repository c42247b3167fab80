import { Module } from '@nestjs/common';
import { KpiModule } from '../kpi/kpi.module';
import { SetTargetHandler } from './set-target/set-target.handler';
import { SetTargetHttpController } from './set-target/set-target.http.controller';
import { TargetHistoryHttpController } from './target-history/target-history.http.controller';

/** KPI definitions: set by the center (an event), with their history. */
@Module({
  imports: [KpiModule],
  controllers: [TargetHistoryHttpController, SetTargetHttpController],
  providers: [SetTargetHandler],
})
export class TargetsModule {}
