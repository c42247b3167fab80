import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners/partners.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { ConsumeInboundConsumer } from './consume-inbound/consume-inbound.consumer';
import { ConsumeInboundHandler } from './consume-inbound/consume-inbound.handler';
import { ReceiveBatchHandler } from './receive-batch/receive-batch.handler';
import { ReceiveBatchHttpController } from './receive-batch/receive-batch.http.controller';

/** Partner input: signed HTTP batches and the direct Kafka topic. */
@Module({
  imports: [PartnersModule, RateLimitModule],
  controllers: [ReceiveBatchHttpController, ConsumeInboundConsumer],
  providers: [ReceiveBatchHandler, ConsumeInboundHandler],
})
export class IngestModule {}
