import { describe, expect, it } from 'vitest';
import { formatMoney, toMoney, todayInShanghai } from './format';
import { parsePrometheus, throughputByTopic } from './prometheus';
import { findZipkinTrace, jaegerSearchUrl, traceIdOf, traceLink, traceparentInEnvelope } from './trace';
import { monthSeries, paceStatus } from '../pages/kpi/types';

describe('prometheus text', () => {
  const text = `# HELP tjc_events_consumed_total Events
# TYPE tjc_events_consumed_total counter
tjc_events_consumed_total{topic="tjc.research.events.v1",type="research.project.found.v1",group="kpi",outcome="processed",service="kpi"} 7
tjc_events_consumed_total{topic="tjc.research.events.v1",type="research.project.submitted.v1",group="kpi",outcome="duplicate",service="kpi"} 2
tjc_events_dead_lettered_total{topic="tjc.service.events.v1",group="kpi",kind="handler",service="kpi"} 1
tjc_consumer_lag{topic="tjc.research.events.v1",partition="0",group="kpi",service="kpi"} 3
tjc_consumer_lag{topic="tjc.research.events.v1",partition="1",group="kpi",service="kpi"} 4
process_cpu_seconds_total 1.5
weird{label="with \\"quote\\""} NaN
`;
  it('parses samples with labels', () => {
    const sut = parsePrometheus(text);
    expect(sut).toHaveLength(6);
    expect(sut[0]).toEqual({ name: 'tjc_events_consumed_total', labels: { topic: 'tjc.research.events.v1', type: 'research.project.found.v1', group: 'kpi', outcome: 'processed', service: 'kpi' }, value: 7 });
  });
  it('sums throughput and lag per topic', () => {
    expect(throughputByTopic(parsePrometheus(text))).toEqual([
      { topic: 'tjc.research.events.v1', consumed: 9, failed: 0, deadLettered: 0, lag: 7 },
      { topic: 'tjc.service.events.v1', consumed: 0, failed: 0, deadLettered: 1, lag: 0 },
    ]);
  });
});

describe('trace links', () => {
  const tp = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  it('link the trace when the traceparent is known', () => {
    expect(traceIdOf(tp)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traceLink({ kind: 'jaeger', url: 'http://jaeger:16686/' }, { eventId: 'e1', traceparent: tp })).toBe('http://jaeger:16686/trace/4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traceLink({ kind: 'zipkin', url: 'http://127.0.0.1:9411/' }, { eventId: 'e1', traceparent: tp })).toBe('http://127.0.0.1:9411/zipkin/traces/4bf92f3577b34da6a3ce929d0e0e4736');
  });
  it('search by the event id otherwise', () => {
    const url = new URL(jaegerSearchUrl('http://jaeger:16686', { eventId: 'evt-1', service: 'kpi' }));
    expect(url.pathname).toBe('/search');
    expect(JSON.parse(url.searchParams.get('tags') ?? '')).toEqual({ 'messaging.message.id': 'evt-1' });
    const zipkin = new URL(traceLink({ kind: 'zipkin', url: 'http://127.0.0.1:9411' }, { eventId: 'evt-1', service: 'Research-Network' }));
    expect(zipkin.pathname).toBe('/zipkin/');
    expect(zipkin.searchParams.get('annotationQuery')).toBe('messaging.message.id=evt-1');
    expect(zipkin.searchParams.has('serviceName')).toBe(false);
    expect(traceIdOf('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
  });
  it("ask Zipkin's query API for an event's trace, and give up quietly when there is none or it does not answer", async () => {
    const asked: string[] = [];
    const answer = (body: unknown, status = 200) => (async (url: string | URL | Request) => {
      asked.push(String(url));
      return new Response(JSON.stringify(body), { status });
    }) as typeof fetch;
    expect(await findZipkinTrace('http://127.0.0.1:9411/', 'evt-1', answer([[{ traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }]]))).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(new URL(asked[0]!).pathname).toBe('/api/v2/traces');
    expect(new URL(asked[0]!).searchParams.get('annotationQuery')).toBe('messaging.message.id=evt-1');
    expect(await findZipkinTrace('http://z', 'evt-1', answer([]))).toBeUndefined();
    expect(await findZipkinTrace('http://z', 'evt-1', answer({ message: 'down' }, 503))).toBeUndefined();
    expect(await findZipkinTrace('http://z', 'evt-1', answer([[{ traceId: '<script>' }]]))).toBeUndefined();
    expect(await findZipkinTrace('http://z', 'evt-1', (async () => { throw new TypeError('fetch failed'); }) as typeof fetch)).toBeUndefined();
  });
  it('find the traceparent in a stored envelope', () => {
    expect(traceparentInEnvelope(JSON.stringify({ id: 'x', traceparent: tp }))).toBe(tp);
    expect(traceparentInEnvelope('not json')).toBeUndefined();
  });
});

describe('money and dates', () => {
  it('formats decimal strings without floats', () => {
    expect(formatMoney({ amount: '1250000.5', currency: 'CNY' })).toBe('¥1,250,000.50');
    expect(formatMoney({ amount: '10000000000000.01', currency: 'CNY' })).toBe('¥10,000,000,000,000.01');
    expect(toMoney(1200)).toEqual({ amount: '1200', currency: 'CNY' });
    expect(toMoney(undefined)).toBeUndefined();
  });
  it('takes the calendar day in Asia/Shanghai', () => expect(todayInShanghai(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01'));
});

describe('KPI pace and series', () => {
  const pace = { elapsedShare: 0.5, expected: 5, forecast: 8, progress: 0.4, behind: false };
  it('calls a KPI met, ahead, on track or behind', () => {
    expect(paceStatus({ target: 10, value: 10, pace })).toBe('met');
    expect(paceStatus({ target: 10, value: 6, pace })).toBe('ahead');
    expect(paceStatus({ target: 10, value: 5, pace })).toBe('on-track');
    expect(paceStatus({ target: 10, value: 3, pace: { ...pace, behind: true } })).toBe('behind');
  });
  it('builds monthly, cumulative and pro-rata target points', () => {
    const sut = monthSeries({ target: 12, byMonth: { '01': 2, '03': 1 } });
    expect(sut).toHaveLength(12);
    expect(sut.slice(0, 3)).toEqual([
      { month: 1, monthly: 2, cumulative: 2, expected: 1 },
      { month: 2, monthly: 0, cumulative: 2, expected: 2 },
      { month: 3, monthly: 1, cumulative: 3, expected: 3 },
    ]);
    expect(sut[11]?.cumulative).toBe(3);
  });
});
