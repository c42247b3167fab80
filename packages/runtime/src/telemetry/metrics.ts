import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The runtime's Prometheus metrics, served at /metrics. One instance per
 * process; label cardinality is bounded (topic, event type, consumer group).
 */
export class RuntimeMetrics {
  readonly registry = new Registry();

  readonly consumed = new Counter({
    name: 'tjc_events_consumed_total',
    help: 'Events whose handler transaction committed (duplicates included, see outcome)',
    labelNames: ['topic', 'type', 'group', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly failed = new Counter({
    name: 'tjc_events_failed_total',
    help: 'Handler attempts that failed',
    labelNames: ['topic', 'type', 'group', 'kind'] as const,
    registers: [this.registry],
  });
  readonly retried = new Counter({
    name: 'tjc_events_retried_total',
    help: 'Retries after a transient failure',
    labelNames: ['topic', 'type', 'group'] as const,
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({
    name: 'tjc_events_dead_lettered_total',
    help: 'Messages sent to the dead-letter topic',
    labelNames: ['topic', 'group', 'kind'] as const,
    registers: [this.registry],
  });
  readonly handlerSeconds = new Histogram({
    name: 'tjc_event_handler_duration_seconds',
    help: 'Handler time including its database transaction',
    labelNames: ['topic', 'type', 'group'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly consumerLag = new Gauge({
    name: 'tjc_consumer_lag',
    help: 'Messages behind the high watermark, per partition',
    labelNames: ['topic', 'partition', 'group'] as const,
    registers: [this.registry],
  });
  readonly outboxBacklog = new Gauge({
    name: 'tjc_outbox_backlog',
    help: 'Outbox rows not yet published',
    labelNames: ['service'] as const,
    registers: [this.registry],
  });
  readonly httpOverloaded = new Counter({
    name: 'tjc_http_overloaded_total',
    help: 'Requests answered 503 with Retry-After because the service was at capacity (admission control, database pool)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly outboxHeldBack = new Gauge({
    name: 'tjc_outbox_held_back',
    help: 'Committed outbox rows waiting for an older, still running transaction before they may be published in order',
    labelNames: ['service'] as const,
    registers: [this.registry],
  });
  readonly outboxRelaySeconds = new Histogram({
    name: 'tjc_outbox_relay_latency_seconds',
    help: 'From the outbox row commit to its acknowledgement by Kafka',
    labelNames: ['service'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'tjc_bullmq_queue_depth',
    help: 'BullMQ jobs by queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  /**
   * OpenTelemetry's `http.server.request.duration` (semantic conventions, stable), in
   * Prometheus's naming: the route is the template (`/projects/:id`), never the raw path,
   * so cardinality stays bounded; unmatched paths share one label.
   */
  readonly httpServerDuration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Duration of HTTP server requests (OpenTelemetry http.server.request.duration)',
    labelNames: ['http_request_method', 'http_route', 'http_response_status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    registers: [this.registry],
  });
  readonly ready = new Gauge({
    name: 'tjc_ready',
    help: 'Readiness per check (1 up, 0 down), as /health/ready last judged it (evaluated on every scrape too)',
    labelNames: ['check'] as const,
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }
}
