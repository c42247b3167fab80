import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { RUNTIME_OPTIONS, type RuntimeModuleOptions } from '@tjc/runtime';
import { PrismaClient } from './generated/prisma/client';

@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(@Inject(RUNTIME_OPTIONS) options: RuntimeModuleOptions) {
    super({ adapter: new PrismaPg({ connectionString: options.env.DATABASE_URL, max: 20 }) });
  }

  async onApplicationShutdown() {
    await this.$disconnect();
  }
}

/** The interactive-transaction client: every write of a command or an event handler goes through one. */
export type Tx = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];
