import { Injectable } from '@nestjs/common';
import { RuntimeMetrics } from '@tjc/runtime';

interface LabelledCounter<L extends string> {
  inc(labels: Record<L, string>, value?: number): void;
}
type CounterClass = new (config: { name: string; help: string; labelNames: readonly string[]; registers: readonly unknown[] }) => LabelledCounter<string>;

/**
 * The gateway's Prometheus counters, on the runtime's registry (served at
 * /metrics). Labels are bounded: partner is one of the three ids or
 * `unknown`; reasons are this service's fixed vocabulary.
 */
@Injectable()
export class GatewayMetrics {
  /** Events by outcome: accepted, duplicate, rejected (= quarantined). */
  readonly events: LabelledCounter<'partner' | 'channel' | 'outcome'>;
  /** Whole requests refused: authentication, replay, limits, malformed bodies. */
  readonly refused: LabelledCounter<'partner' | 'reason'>;

  constructor(runtime: RuntimeMetrics) {
    // prom-client is a dependency of @tjc/runtime, not (yet) of this package:
    // its Counter class is reached through a runtime counter so the counters
    // land on the same registry without a lockfile change. Replace with
    // `import { Counter } from 'prom-client'` once it is a direct dependency.
    const Counter = runtime.consumed.constructor as CounterClass;
    this.events = new Counter({
      name: 'tjc_partner_events_total',
      help: 'Events received from partner systems, by outcome (accepted, duplicate, rejected into quarantine)',
      labelNames: ['partner', 'channel', 'outcome'],
      registers: [runtime.registry],
    });
    this.refused = new Counter({
      name: 'tjc_partner_requests_refused_total',
      help: 'Partner HTTP requests refused as a whole (authentication, replay, limits, malformed bodies)',
      labelNames: ['partner', 'reason'],
      registers: [runtime.registry],
    });
  }
}
