import { DynamicModule, Global, Inject, Injectable, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { Source } from '@tjc/contracts';
import type { CommonEnv } from './config/load-config';
import { RUNTIME_DB, type SqlExecutor } from './db/sql';
import { AuditHttpController } from './audit/audit.http.controller';
import { AuditCheckpointer } from './audit/checkpoints';
import { DeadLettersHttpController } from './dead-letters/dead-letters.http.controller';
import { DeadLettersService } from './dead-letters/dead-letters.service';
import { ConsumerRegistry } from './health/consumer-registry';
import { HealthHttpController } from './health/health.http.controller';
import { ReadinessChecks } from './health/readiness';
import { createKafka } from './kafka/kafka-client';
import { EventPublisher, RUNTIME_SOURCE } from './outbox/event-publisher';
import { OutboxRelayLifecycle } from './outbox/outbox-relay.lifecycle';
import { createLogger } from './telemetry/logger';
import { RuntimeMetrics } from './telemetry/metrics';

import { RUNTIME_KAFKA, RUNTIME_LOGGER, RUNTIME_OPTIONS } from './tokens';

export { RUNTIME_KAFKA, RUNTIME_LOGGER, RUNTIME_OPTIONS };
export { OutboxRelayLifecycle };

export interface RuntimeModuleOptions {
  /** Service name: logs, metrics, traces, Kafka client id. */
  readonly service: string;
  /** The `source` of events this service publishes. */
  readonly source: Source;
  readonly env: CommonEnv;
  /** The service's Prisma client class; the runtime provides it (globally) to the whole app. */
  readonly db: Type<unknown>;
  /** Run the outbox relay in this process (default true). */
  readonly relay?: boolean;
}

/** Publishes the audit chain's signed checkpoints while the service runs (when AUDIT_CHECKPOINT_KEY is set). */
@Injectable()
export class AuditCheckpointLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly checkpointer?: AuditCheckpointer;
  constructor(@Inject(RUNTIME_OPTIONS) options: RuntimeModuleOptions, @Inject(RUNTIME_KAFKA) kafka: Kafka, @Inject(RUNTIME_LOGGER) logger: Logger, @Inject(RUNTIME_DB) db: SqlExecutor) {
    const key = options.env.AUDIT_CHECKPOINT_KEY;
    if (key) this.checkpointer = new AuditCheckpointer({ service: options.service, db, kafka, key: key.reveal(), everyMs: options.env.AUDIT_CHECKPOINT_EVERY_MS, logger: logger.child({ component: 'audit-checkpoints' }) });
  }
  async onApplicationBootstrap() {
    await this.checkpointer?.start();
  }
  async beforeApplicationShutdown() {
    await this.checkpointer?.stop();
  }
}

/**
 * Everything a platform service gets from the runtime: logger, metrics,
 * Kafka client, outbox publisher and relay, dead-letter API, health and
 * /metrics. Import once in the service's root module.
 */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(options: RuntimeModuleOptions): DynamicModule {
    const logger = createLogger(options.service, options.env.LOG_LEVEL);
    return {
      module: RuntimeModule,
      imports: [TerminusModule],
      controllers: [HealthHttpController, DeadLettersHttpController, AuditHttpController],
      providers: [
        { provide: RUNTIME_OPTIONS, useValue: options },
        { provide: RUNTIME_LOGGER, useValue: logger },
        { provide: RUNTIME_SOURCE, useValue: options.source },
        { provide: RuntimeMetrics, useValue: new RuntimeMetrics(options.service) },
        { provide: RUNTIME_KAFKA, useFactory: () => createKafka({ clientId: options.env.KAFKA_CLIENT_ID ?? options.service, brokers: options.env.KAFKA_BROKERS, logger: logger.child({ component: 'kafka' }) }) },
        options.db,
        { provide: RUNTIME_DB, useExisting: options.db },
        ConsumerRegistry,
        ReadinessChecks,
        DeadLettersService,
        EventPublisher,
        OutboxRelayLifecycle,
        AuditCheckpointLifecycle,
      ],
      exports: [options.db, RUNTIME_OPTIONS, RUNTIME_LOGGER, RUNTIME_SOURCE, RUNTIME_KAFKA, RUNTIME_DB, RuntimeMetrics, ConsumerRegistry, ReadinessChecks, DeadLettersService, EventPublisher, OutboxRelayLifecycle],
    };
  }
}
