import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@tjc/auth';
import { RuntimeModule } from '@tjc/runtime';
import { KPI_CONFIG, type KpiServiceConfig } from './config';
import { CorrectionsModule } from './corrections/corrections.module';
import { KpiModule } from './kpi/kpi.module';
import { PrismaService } from './prisma.service';
import { TargetsModule } from './targets/targets.module';

@Global()
@Module({})
class KpiConfigModule {
  static register(config: KpiServiceConfig): DynamicModule {
    return { module: KpiConfigModule, providers: [{ provide: KPI_CONFIG, useValue: config }], exports: [KPI_CONFIG] };
  }
}

@Module({})
export class AppModule {
  static register(config: KpiServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot({ service: 'kpi', source: 'tjc/kpi', env: config.env, db: PrismaService }),
        // No network: every write here needs a center admin; ops routes say so with @Roles.
        AuthModule.forRoot(config.auth, {}),
        KpiConfigModule.register(config),
        KpiModule,
        TargetsModule,
        CorrectionsModule,
      ],
    };
  }
}
