import { DynamicModule, Module } from '@nestjs/common';
import type { TopicKey } from '@tjc/contracts';
import { AuthModule } from '@tjc/auth';
import { RuntimeModule } from '@tjc/runtime';
import { AchievementsModule } from './achievements/achievements.module';
import { CommonModule } from './common/common.module';
import type { ResearchConfig } from './config';
import { ExpertsModule } from './experts/experts.module';
import { MembersModule } from './members/members.module';
import { PrismaService } from './prisma.service';
import { ProjectsModule } from './projects/projects.module';

/**
 * research: partners' found projects and listed achievements (ours are skipped);
 * industry: consortia formed on our projects; service: transfers of listed achievements.
 */
export const CONSUMED_TOPICS: readonly TopicKey[] = ['research', 'industry', 'service'];

@Module({})
export class AppModule {
  static register(config: ResearchConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot({ service: 'research-network', source: 'tjc/research-network', env: config, db: PrismaService }),
        AuthModule.forRoot(config.auth, { network: 'research' }),
        CommonModule,
        MembersModule,
        ExpertsModule,
        ProjectsModule.register(config.review),
        AchievementsModule,
      ],
    };
  }
}
