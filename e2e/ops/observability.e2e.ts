/**
 * Issue #19.10: the local stack's Prometheus scrapes every service of the test instance with the
 * platform's alert rules, and an alert fires for a real fault.
 * Real: Prometheus (Debian's package, started by ./platform for this instance on PROMETHEUS_PORT),
 * every service, Kafka. Faked: nothing — the fault is a real message no consumer can read (not
 * JSON), published to a topic the networks consume; each consumer dead-letters it
 * (tjc_events_dead_lettered_total), and TjcDeadLettersAppearing (infra/prometheus/alerts.yml) fires.
 */
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS } from '@tjc/contracts';
import { currentInstance, platformServices } from '../src/platform';

const PROMETHEUS = `http://127.0.0.1:${process.env['PROMETHEUS_PORT'] ?? '10090'}`;

async function prom<T>(path: string): Promise<T> {
  const res = await fetch(`${PROMETHEUS}${path}`);
  if (!res.ok) throw new Error(`Prometheus ${path}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { status: string; data: T };
  if (body.status !== 'success') throw new Error(`Prometheus ${path}: ${JSON.stringify(body)}`);
  return body.data;
}

/** Waits by condition (scrapes and rule evaluations happen every few seconds). */
async function until<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await fn();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

interface Target {
  readonly labels: Record<string, string>;
  readonly health: string;
  readonly lastError: string;
}
interface Alert {
  readonly labels: Record<string, string>;
  readonly state: string;
}

const deadLettered = async (service: string) => {
  const r = await prom<{ result: { value: [number, string] }[] }>(`/api/v1/query?query=${encodeURIComponent(`sum(tjc_events_dead_lettered_total{service="${service}"})`)}`);
  return Number(r.result[0]?.value[1] ?? 0);
};

describe('metrics and alerts (the local Prometheus)', () => {
  it('scrapes every service of the instance, with every alert rule loaded', async () => {
    const services = platformServices().map((s) => s.name).sort();
    const targets = await until(
      'every service target up',
      () => prom<{ activeTargets: Target[] }>('/api/v1/targets?state=active'),
      (d) => services.every((s) => d.activeTargets.some((t) => t.labels['service'] === s && t.health === 'up')),
    );
    expect(targets.activeTargets.map((t) => t.labels['service']).sort()).toEqual(services);
    const rules = await prom<{ groups: { name: string; rules: { name: string; health: string }[] }[] }>('/api/v1/rules');
    const group = rules.groups.find((g) => g.name === 'tjc-platform');
    expect(group?.rules.map((r) => r.name).sort()).toEqual(['TjcConsumerLagGrowing', 'TjcConsumerStalled', 'TjcDeadLettersAppearing', 'TjcNotReady', 'TjcOutboxBacklog', 'TjcOverloaded', 'TjcServerErrors', 'TjcServiceDown']);
    expect(group?.rules.every((r) => r.health === 'ok')).toBe(true);
    // Every service exports HTTP server metrics by route (this very scrape's /metrics included).
    const http = await prom<{ result: { metric: Record<string, string> }[] }>(`/api/v1/query?query=${encodeURIComponent('count by (service) (http_server_request_duration_seconds_count)')}`);
    expect(http.result.map((r) => r.metric['service']).sort()).toEqual(services);
  });

  it('fires TjcDeadLettersAppearing when a consumer dead-letters a message', async () => {
    const before = await deadLettered('kpi');
    const kafka = new Kafka({ clientId: 'e2e-observability', brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    try {
      const ns = currentInstance().topicNamespace;
      const topic = `${ns ? `${ns}.` : ''}${TOPICS.research.name}`;
      // Not JSON: no consumer can read it; each dead-letters it as permanent (nothing is applied).
      await producer.send({ topic, messages: [{ key: `e2e-observability-${Date.now()}`, value: 'not an event {' }] });
    } finally {
      await producer.disconnect();
    }
    await until('the KPI consumer dead-lettered it (scraped)', () => deadLettered('kpi'), (n) => n > before);
    const alerts = await until(
      'TjcDeadLettersAppearing firing for the KPI service',
      () => prom<{ alerts: Alert[] }>('/api/v1/alerts'),
      (d) => d.alerts.some((a) => a.labels['alertname'] === 'TjcDeadLettersAppearing' && a.labels['service'] === 'kpi' && a.state === 'firing'),
    );
    expect(alerts.alerts.find((a) => a.labels['alertname'] === 'TjcDeadLettersAppearing' && a.labels['service'] === 'kpi')).toMatchObject({ labels: { severity: 'warning', kind: expect.any(String) }, state: 'firing' });
  });
});
