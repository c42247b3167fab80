import { Module } from '@nestjs/common';
import { ImportPartnerAchievementConsumer } from './import-partner-achievement/import-partner-achievement.consumer';
import { ListAchievementHandler } from './list-achievement/list-achievement.handler';
import { ListAchievementHttpController } from './list-achievement/list-achievement.http.controller';
import { QueryAchievementsHandler } from './query-achievements/query-achievements.handler';
import { QueryAchievementsHttpController } from './query-achievements/query-achievements.http.controller';
import { RecordTransferConsumer } from './record-transfer/record-transfer.consumer';

/** The supply list (科技成果供给清单): ours and partners' achievements, and their transfers. */
@Module({
  controllers: [ListAchievementHttpController, QueryAchievementsHttpController, RecordTransferConsumer, ImportPartnerAchievementConsumer],
  providers: [ListAchievementHandler, QueryAchievementsHandler],
})
export class AchievementsModule {}
