import { Injectable } from '@nestjs/common';
import type { ReliableKafkaServer } from '../consumer/reliable-kafka.server';

/** Where the app's consumer transport is found by health checks and dead-letter replay. */
@Injectable()
export class ConsumerRegistry {
  server?: ReliableKafkaServer;
}
