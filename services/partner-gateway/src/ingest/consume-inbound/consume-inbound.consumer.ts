import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { PlatformEvent } from '@tjc/contracts';
import { OnAnyEvent, type ReliableEventContext } from '@tjc/runtime';
import type { Tx } from '../../prisma.service';
import { ConsumeInboundHandler } from './consume-inbound.handler';

/** Consumer group of the gateway; it consumes only tjc.partner.inbound.v1. */
export const PARTNER_GATEWAY_GROUP = 'partner-gateway';

/** Every valid event on the partner inbound topic, whatever its type. */
@Controller()
export class ConsumeInboundConsumer {
  constructor(private readonly handler: ConsumeInboundHandler) {}

  @OnAnyEvent()
  async onPartnerEvent(@Payload() event: PlatformEvent, @Ctx() ctx: ReliableEventContext<Tx>): Promise<void> {
    await this.handler.handle(event, ctx);
  }
}
