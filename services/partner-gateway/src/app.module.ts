import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@tjc/auth';
import { RuntimeModule } from '@tjc/runtime';
import { CommonModule } from './common/common.module';
import type { GatewayConfig } from './config';
import { IngestModule } from './ingest/ingest.module';
import { PrismaService } from './prisma.service';
import { QuarantineModule } from './quarantine/quarantine.module';

/**
 * The partner gateway. It owns no network's records: people's writes
 * (resolving quarantine entries) are for center admins and ops, set per
 * route with @Roles; partners authenticate by request signature.
 */
@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot({ service: 'partner-gateway', source: 'tjc/center', env: config, db: PrismaService }),
        AuthModule.forRoot(config.auth),
        CommonModule.forRoot(config),
        IngestModule,
        QuarantineModule,
      ],
    };
  }
}
