import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { RuntimeModuleOptions } from '../runtime.module';
import { RuntimeMetrics } from '../telemetry/metrics';
import { RUNTIME_KAFKA, RUNTIME_LOGGER, RUNTIME_OPTIONS } from '../tokens';
import { OutboxRelay } from './outbox-relay';

/** Runs the service's outbox relay with the app (unless `relay: false`); readiness reads its health. */
@Injectable()
export class OutboxRelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay?: OutboxRelay;
  constructor(@Inject(RUNTIME_OPTIONS) options: RuntimeModuleOptions, @Inject(RUNTIME_KAFKA) kafka: Kafka, @Inject(RUNTIME_LOGGER) logger: Logger, metrics: RuntimeMetrics) {
    if (options.relay !== false) {
      this.relay = new OutboxRelay({ service: options.service, databaseUrl: options.env.DATABASE_URL, kafka, logger: logger.child({ component: 'outbox-relay' }), metrics, pollMs: options.env.OUTBOX_POLL_MS });
    }
  }
  async onApplicationBootstrap() {
    await this.relay?.start();
  }
  async beforeApplicationShutdown() {
    await this.relay?.stop();
  }
}

