/**
 * Issue #19.9: the console's 追踪 links open the right trace in the local
 * trace UI. Real: headless Chromium, the console, every service of the test
 * instance, Kafka, PostgreSQL, and Zipkin's server (infra/zipkin, started by
 * ./platform for this instance on TRACE_UI_URL), which the services export
 * their spans to with OpenTelemetry's Zipkin exporter. Faked: nothing.
 *
 * A research coordinator submits a project through the API; the project's
 * audit trail in the console names the event that submission published; its
 * trace link opens, in Zipkin, the one trace holding both the research
 * network's HTTP request and the KPI service's processing of that event (the
 * runtime tags every consumer span with messaging.message.id; the console asks
 * Zipkin's query API for the trace of that id).
 *
 * Screenshot: e2e/results/screenshots/trace-zipkin.png
 */
import { browserPerTest, callApi, CONSOLE_URL, devToken, eventually, screenshot, signIn } from './browser';

const TRACE_UI_URL = (process.env['TRACE_UI_URL'] ?? 'http://127.0.0.1:10411').replace(/\/+$/, '');
const TAG = `追踪${Date.now().toString(36)}`;

interface ZipkinSpan {
  readonly traceId: string;
  readonly name?: string;
  readonly kind?: string;
  readonly localEndpoint?: { readonly serviceName?: string };
  readonly tags?: Record<string, string>;
}

/** The traces Zipkin holds whose spans carry this event id (its own query API, as the UI uses it). */
async function tracesOfEvent(eventId: string): Promise<ZipkinSpan[][]> {
  const q = new URLSearchParams({ annotationQuery: `messaging.message.id=${eventId}`, lookback: String(24 * 3600 * 1000), limit: '10' });
  const res = await fetch(`${TRACE_UI_URL}/api/v2/traces?${q.toString()}`);
  if (!res.ok) throw new Error(`Zipkin ${TRACE_UI_URL}: ${res.status} ${await res.text()}`);
  return (await res.json()) as ZipkinSpan[][];
}

const servicesOf = (trace: readonly ZipkinSpan[]) => new Set(trace.map((s) => s.localEndpoint?.serviceName ?? ''));
const hasHttpRequest = (trace: readonly ZipkinSpan[]) => trace.some((s) => s.localEndpoint?.serviceName === 'research-network' && s.kind === 'SERVER');
const hasKpiConsumer = (trace: readonly ZipkinSpan[], eventId: string) => trace.some((s) => s.localEndpoint?.serviceName === 'kpi' && s.tags?.['messaging.message.id'] === eventId);

describe('trace links open the local trace UI (Zipkin)', () => {
  const browser = browserPerTest();

  it('a project submission: the audit trail link opens the trace with the HTTP request and the KPI consumer', async () => {
    const health = await fetch(`${TRACE_UI_URL}/health`).catch(() => undefined);
    if (!health?.ok) throw new Error(`Zipkin is not running on ${TRACE_UI_URL}: ./platform starts it (infra/zipkin/zipkin.sh start)`);
    const page = browser.page();
    const research = await devToken({ sub: 'zhang.wei', name: '张伟', role: 'coordinator', network: 'research' });
    const created = await callApi<{ id: string }>(research, 'POST', '/research/projects', {
      title: `面向追踪的低功耗边缘推理芯片（${TAG}）`,
      institution: { name: '天津大学', region: 'tianjin', type: 'university' },
      field: 'integrated-circuits',
      trl: 4,
      team: [{ name: '李明', role: '负责人' }],
      summary: '追踪链路测试项目。',
    });
    expect(created.status).toBe(201);
    const audit = await callApi<{ items: { action: string; eventId: string | null }[] }>(research, 'GET', `/research/projects/${created.body.id}/audit`);
    const eventId = audit.body.items.map((a) => a.eventId).find((id): id is string => id !== null);
    expect(eventId).toEqual(expect.any(String));

    // Spans reach Zipkin in the exporters' batches (every few seconds): wait for the trace by condition.
    const [trace] = await eventually(
      () => tracesOfEvent(eventId!),
      // Each process exports its own spans in its own batches: wait until both ends have arrived.
      (traces) => traces.length === 1 && hasHttpRequest(traces[0]!) && hasKpiConsumer(traces[0]!, eventId!),
      { timeoutMs: 90_000, everyMs: 1_000, what: `one trace in Zipkin with the research network's HTTP span and the KPI consumer's span of event ${eventId}` },
    );
    const traceId = trace![0]!.traceId;
    expect([...servicesOf(trace!)]).toEqual(expect.arrayContaining(['research-network', 'kpi']));

    await signIn(page, 'zhang.wei');
    await page.goto(`${CONSOLE_URL}/research/projects/${created.body.id}`);
    await page.getByTestId('project-drawer').waitFor();
    await page.getByTestId('project-drawer').getByRole('tab', { name: '审计记录' }).click();
    const link = page.getByTestId('project-drawer').getByTestId('trace-link').first();
    const href = await link.getAttribute('href');
    expect(href).toBe(`${TRACE_UI_URL}/zipkin/?${new URLSearchParams({ annotationQuery: `messaging.message.id=${eventId}`, lookback: String(7 * 24 * 3600 * 1000), limit: '20' }).toString()}`);

    // The link opens a new tab on the trace itself: the console asks Zipkin's query API for it.
    const [zipkin] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await zipkin.waitForURL(`${TRACE_UI_URL}/zipkin/traces/${traceId}`, { timeout: 60_000 });
    await zipkin.getByText(/research-network/i).first().waitFor({ timeout: 60_000 });
    const shown = await zipkin.locator('body').innerText();
    expect(shown).toContain(traceId);
    // The page's summary counts the services in it: the research network's and the KPI service's at least (the span tree starts collapsed).
    expect(Number(/Services\s+(\d+)/.exec(shown)?.[1])).toBeGreaterThanOrEqual(2);
    await screenshot(zipkin, 'trace-zipkin.png');
  });
});
