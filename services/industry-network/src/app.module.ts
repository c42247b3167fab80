import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@tjc/auth';
import type { TopicKey } from '@tjc/contracts';
import { RuntimeModule } from '@tjc/runtime';
import { ChallengesModule } from './challenges/challenges.module';
import type { ServiceConfig } from './config';
import { ConsortiaModule } from './consortia/consortia.module';
import { DemandsModule } from './demands/demands.module';
import { EnterprisesModule } from './enterprises/enterprises.module';
import { PrismaService } from './prisma.service';
import { SuggestionsModule } from './suggestions/suggestions.module';

/**
 * What the service reacts to: research.project.found.v1 on `research`, and
 * partners' industry.consortium.formed.v1 on `industry`. Our own events on
 * `industry` come back too and are ignored (no handler, or an early return).
 */
export const CONSUMER = { groupId: 'industry-network', topics: ['research', 'industry'] as TopicKey[] } as const;

@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot({ service: 'industry-network', source: 'tjc/industry-network', env: config, db: PrismaService }),
        AuthModule.forRoot(config.auth, { network: 'industry' }),
        EnterprisesModule,
        DemandsModule,
        ChallengesModule,
        ConsortiaModule,
        SuggestionsModule,
      ],
    };
  }
}
