/**
 * Issue #19.9: the console's 追踪 links open the right trace in the local
 * trace UI. Real: headless Chromium, the console, every service of the test
 * instance, Kafka, PostgreSQL, and Zipkin's server (infra/zipkin, started by
 * ./platform for this instance on TRACE_UI_URL), which the services export
 * their spans to with OpenTelemetry's Zipkin exporter. Faked: nothing.
 *
 * A service coordinator registers a network member through the API; the
 * member's audit trail in the console names the event that change published;
 * its trace link opens, in Zipkin, the one trace holding both the service
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

describe('trace links open the local trace UI (Zipkin)', () => {
  const browser = browserPerTest();

  it('a member registration: the audit trail link opens the trace with the HTTP request and the KPI consumer', async () => {
    const health = await fetch(`${TRACE_UI_URL}/health`).catch(() => undefined);
    if (!health?.ok) throw new Error(`Zipkin is not running on ${TRACE_UI_URL}: ./platform starts it (infra/zipkin/zipkin.sh start)`);
    const page = browser.page();
    const service = await devToken({ sub: 'wang.fang', name: '王芳', role: 'coordinator', network: 'service' });
    const name = `滨海新区技术转移服务中心（${TAG}）`;
    const created = await callApi<{ id: string }>(service, 'POST', '/service/members', { name, kind: 'transfer-agency', region: 'tianjin', note: '追踪测试' });
    expect(created.status).toBe(201);
    const audit = await callApi<{ items: { action: string; eventId: string | null }[] }>(service, 'GET', `/service/members/${created.body.id}/audit`);
    const eventId = audit.body.items.find((a) => a.action === 'member.registered')?.eventId;
    expect(eventId).toEqual(expect.any(String));

    // Spans reach Zipkin in the exporters' batches (every few seconds): wait for the trace by condition.
    const [trace] = await eventually(
      () => tracesOfEvent(eventId!),
      (traces) => traces.length === 1 && servicesOf(traces[0]!).has('service-network') && servicesOf(traces[0]!).has('kpi'),
      { timeoutMs: 90_000, everyMs: 1_000, what: `one trace in Zipkin with service-network and kpi spans for event ${eventId}` },
    );
    const traceId = trace![0]!.traceId;
    expect(trace!.some((s) => s.localEndpoint?.serviceName === 'service-network' && s.kind === 'SERVER')).toBe(true);
    expect(trace!.some((s) => s.localEndpoint?.serviceName === 'kpi' && s.tags?.['messaging.message.id'] === eventId)).toBe(true);

    await signIn(page, 'wang.fang');
    await page.goto(`${CONSOLE_URL}/service`);
    await page.getByTestId('tab-members').click();
    await page.getByTestId('members-search').locator('input').fill(TAG);
    await page.getByTestId('members-search').locator('input').press('Enter');
    const row = page.getByTestId('members-table').locator('tbody tr.ant-table-row').filter({ hasText: name });
    await row.getByTestId('member-detail').click();
    const link = page.getByTestId('member-audit').locator('tbody tr').filter({ hasText: 'member.registered' }).getByTestId('trace-link');
    const href = await link.getAttribute('href');
    expect(href).toBe(`${TRACE_UI_URL}/zipkin/?${new URLSearchParams({ annotationQuery: `messaging.message.id=${eventId}`, lookback: String(7 * 24 * 3600 * 1000), limit: '20' }).toString()}`);

    // The link opens a new tab on the trace itself: the console asks Zipkin's query API for it.
    const [zipkin] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await zipkin.waitForURL(`${TRACE_UI_URL}/zipkin/traces/${traceId}`, { timeout: 60_000 });
    await zipkin.getByText(/service-network/i).first().waitFor({ timeout: 60_000 });
    const shown = await zipkin.locator('body').innerText();
    expect(shown).toContain(traceId);
    expect(shown).toMatch(/\bkpi\b/i);
    await screenshot(zipkin, 'trace-zipkin.png');
  });
});
