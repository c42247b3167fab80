import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@tjc/auth';
import { RuntimeModule } from '@tjc/runtime';
import { ActivitiesModule } from './activities/activities.module';
import { CommonModule } from './common/common.module';
import type { ServiceConfig } from './config';
import { FundingModule } from './funding/funding.module';
import { MembersModule } from './members/members.module';
import { PrismaService } from './prisma.service';
import { TrainingModule } from './training/training.module';
import { TransfersModule } from './transfers/transfers.module';

@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot({ service: 'service-network', source: 'tjc/service-network', env: config, db: PrismaService }),
        AuthModule.forRoot(config.auth, { network: 'service' }),
        CommonModule,
        MembersModule,
        TransfersModule,
        FundingModule,
        TrainingModule,
        ActivitiesModule,
      ],
    };
  }
}
