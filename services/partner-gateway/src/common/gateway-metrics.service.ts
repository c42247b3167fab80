import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { RuntimeMetrics } from '@tjc/runtime';

/**
 * The gateway's Prometheus counters, on the runtime's registry (served at
 * /metrics). Labels are bounded: partner is one of the three ids or
 * `unknown`; reasons are this service's fixed vocabulary.
 */
@Injectable()
export class GatewayMetrics {
  /** Events by outcome: accepted, duplicate, rejected (= quarantined). */
  readonly events: Counter<'partner' | 'channel' | 'outcome'>;
  /** Whole requests refused: authentication, replay, limits, malformed bodies. */
  readonly refused: Counter<'partner' | 'reason'>;

  constructor(runtime: RuntimeMetrics) {
    this.events = new Counter({
      name: 'tjc_partner_events_total',
      help: 'Events received from partner systems, by outcome (accepted, duplicate, rejected into quarantine)',
      labelNames: ['partner', 'channel', 'outcome'] as const,
      registers: [runtime.registry],
    });
    this.refused = new Counter({
      name: 'tjc_partner_requests_refused_total',
      help: 'Partner HTTP requests refused as a whole (authentication, replay, limits, malformed bodies)',
      labelNames: ['partner', 'reason'] as const,
      registers: [runtime.registry],
    });
  }
}
