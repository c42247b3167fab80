import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@tjc/auth';
import type { TopicKey } from '@tjc/contracts';
import { RuntimeModule } from '@tjc/runtime';
import type { ServiceConfig } from './config';
import { DealsModule } from './deals/deals.module';
import { FundsModule } from './funds/funds.module';
import { GrantsModule } from './grants/grants.module';
import { InvestmentsModule } from './investments/investments.module';
import { PrismaService } from './prisma.service';

export const SERVICE_NAME = 'fund-network';
export const CONSUMER_GROUP = 'fund-network';
/** service: achievement transferred; research: project found. Both open deal opportunities. */
export const CONSUMED_TOPICS: readonly TopicKey[] = ['service', 'research'];

@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot({ service: SERVICE_NAME, source: 'tjc/fund-network', env: config.env, db: PrismaService }),
        AuthModule.forRoot(config.auth, { network: 'fund' }),
        FundsModule,
        DealsModule,
        InvestmentsModule,
        GrantsModule,
      ],
    };
  }
}
