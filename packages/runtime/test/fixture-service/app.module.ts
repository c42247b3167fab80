/**
 * A minimal platform service used by the runtime's process-level tests
 * (SIGKILL, tracing): the real bootstrap, RuntimeModule, outbox, consumer.
 * POST /records creates a record and publishes an event through the outbox;
 * the consumer writes one effect row per event.
 */
import { Body, Controller, Injectable, Module, Post, type OnApplicationShutdown } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { PrismaPg } from '@prisma/adapter-pg';
import { z } from 'zod';
import { Public } from '@tjc/auth';
import { AuthEnv, AuthModule, authConfigFrom } from '@tjc/auth';
import { EVENTS, type PlatformEvent } from '@tjc/contracts';
import { PrismaClient } from '../generated/prisma/client';
import { CommonEnv, loadConfig } from '../../src/config/load-config';
import { EventPublisher } from '../../src/outbox/event-publisher';
import { RuntimeModule } from '../../src/runtime.module';
import type { ReliableEventContext } from '../../src/consumer/event-context';
import { OnEvent } from '../../src/consumer/on-event.decorator';

export const env = loadConfig(CommonEnv.extend({ PORT: z.coerce.number().int(), HANDLER_DELAY_MS: z.coerce.number().int().default(0) }), (e) => e);

@Injectable()
export class FixturePrisma extends PrismaClient implements OnApplicationShutdown {
  constructor() {
    super({ adapter: new PrismaPg({ connectionString: env.DATABASE_URL, max: 20 }) });
  }
  async onApplicationShutdown() {
    await this.$disconnect();
  }
}

type Tx = Parameters<Parameters<FixturePrisma['$transaction']>[0]>[0];
const CreateRecord = z.object({ id: z.string().min(1), title: z.string().min(1) });

@Controller()
export class FixtureController {
  constructor(
    private readonly prisma: FixturePrisma,
    private readonly events: EventPublisher,
  ) {}

  @Public()
  @Post('records')
  async create(@Body({ schema: CreateRecord }) body: z.output<typeof CreateRecord>) {
    return this.prisma.$transaction(async (tx) => {
      await tx.testRecord.create({ data: body });
      const event = await this.events.publish(tx, EVENTS.activityHeld, {
        activityId: body.id,
        type: 'supply-demand-matching',
        title: body.title,
        heldOn: '2024-06-01',
        place: '天津滨海—中关村科技园',
        organisers: ['天津中心'],
        participants: 1,
        pairsMatched: 0,
      });
      return { id: body.id, eventId: event.id };
    });
  }

  @OnEvent(EVENTS.activityHeld)
  async onActivity(@Payload() event: PlatformEvent<'service.activity.held.v1'>, @Ctx() ctx: ReliableEventContext<Tx>) {
    await ctx.tx.testEffect.create({ data: { eventId: event.id, subject: event.subject, seq: event.data.participants } });
    if (env.HANDLER_DELAY_MS) await new Promise((r) => setTimeout(r, env.HANDLER_DELAY_MS));
  }
}

@Module({
  imports: [
    RuntimeModule.forRoot({ service: 'fixture-service', source: 'tjc/service-network', env, db: FixturePrisma }),
    AuthModule.forRoot(authConfigFrom(loadConfig(AuthEnv, (e) => e, { AUTH_DEV_SECRET: 'fixture-secret-fixture-secret-fixture-secret', ...process.env }))),
  ],
  controllers: [FixtureController],
})
export class FixtureModule {}
