/**
 * The printable annual KPI report (#19.12) in the browser: the console's print view of the current year agrees
 * with the KPI service's report (every KPI's value, the records it counted by name, the closed-year stamp), and
 * Chromium renders it to an A4 PDF.
 * Real: headless Chromium (zh-CN), the console server, the KPI service and what it read from Kafka. Faked: nothing.
 *
 * Outputs: e2e/results/annual-report-<year>.pdf; screenshot e2e/results/screenshots/annual-report-page1.png (the
 * first A4 page as printed).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserPerTest, callApi, CONSOLE_URL, devToken, SCREENSHOTS, signIn } from './browser';

interface Report {
  readonly closed: { readonly at: string } | null;
  readonly summary: readonly { kpiCode: string; label: { zh: string }; unit: { zh: string }; value: number; target: number }[];
  readonly lineage: readonly { kpiCode: string; status: string; headline: string | null; subject: string }[];
}

// The year the console suite counts in (its project, its activities): the current one in Asia/Shanghai.
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const RESULTS = path.join(SCREENSHOTS, '..');
// A4 at 96 dpi: the first page as the printer lays it out.
const A4 = { width: 794, height: 1123 };

describe('the printable annual report (browser)', () => {
  const ui = browserPerTest();
  let page: Page;
  beforeEach(() => {
    page = ui.page();
  });

  it('shows every KPI as the KPI service reports it, names the counted records, and prints to an A4 PDF', async () => {
    const admin = await devToken({ sub: 'chen.jing', name: '陈静', role: 'center-admin' });
    const { status, body: report } = await callApi<Report>(admin, 'GET', `/kpi/kpi/${YEAR}/report.json`);
    expect(status).toBe(200);
    expect(report.summary.length).toBeGreaterThan(0);

    await signIn(page, 'chen.jing');
    await page.goto(`${CONSOLE_URL}/kpi/report/${YEAR}`);
    const table = page.getByTestId('report-kpis');
    await table.waitFor();
    const rows = await table.locator('tbody tr.ant-table-row').allInnerTexts();
    expect(rows).toHaveLength(report.summary.length);
    report.summary.forEach((k, i) => {
      expect(rows[i]).toContain(k.label.zh);
      expect(rows[i]).toContain(`${k.value} ${k.unit.zh}`);
      expect(rows[i]).toContain(`${k.target} ${k.unit.zh}`);
    });
    expect(await page.getByTestId('report-stamp').innerText()).toContain(report.closed ? '已关账' : '年度未关账');

    // Each KPI's section names what it counted: at most 12 records, every one a counted record of that KPI.
    for (const k of report.summary) {
      const counted = report.lineage.filter((l) => l.kpiCode === k.kpiCode && l.status === 'counted').map((l) => l.headline ?? l.subject);
      const list = page.getByTestId(`report-records-${k.kpiCode}`);
      if (counted.length === 0) {
        expect(await list.count()).toBe(0);
        continue;
      }
      const names = (await list.locator('li').allInnerTexts()).map((t) => t.split(' · ')[0]!.trim());
      expect(names).toHaveLength(Math.min(12, counted.length));
      for (const n of names) expect(counted).toContain(n);
    }

    // Printed: no print button, A4, the first page as an image; and the PDF Chromium renders.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize(A4);
    expect(await page.getByTestId('report-print').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'annual-report-page1.png') });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await mkdir(RESULTS, { recursive: true });
    await writeFile(path.join(RESULTS, `annual-report-${YEAR}.pdf`), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
  });
});
