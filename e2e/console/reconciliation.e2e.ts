/**
 * The research coordinator's reconciliation queue (#18.15, ADR 0016) in the browser: HQ and the Hebei Center each
 * report one project (same title and institution, typed differently); the console's 疑似重复项目 drawer shows the
 * pair, the coordinator confirms "same project", and then undoes it.
 * Real: headless Chromium (zh-CN), the console server, the partner gateway (signed batches), Kafka, the research
 * network, PostgreSQL. Faked: nothing.
 *
 * Shared-platform care: both reports are the partners' own (`partner-only`), so they count in no KPI, confirmed or
 * not; their titles carry this run's tag.
 *
 * Screenshot: e2e/results/screenshots/reconciliation-confirmed.png
 */
import { buildEvent, type Source } from '@tjc/contracts';
import type { Page } from 'playwright-core';
import { partnerCredential, PartnerClient } from '../src/partner-client';
import { platformServices } from '../src/platform';
import { browserPerTest, callApi, CONSOLE_URL, devToken, eventually, rowWith, screenshot, SCREENSHOTS, signIn } from './browser';

const RUN = Date.now().toString(36);
const TITLE = `海水淡化石墨烯膜（对账 ${RUN}）`;

interface Reconciliation {
  id: string;
  status: 'pending' | 'confirmed' | 'rejected';
  canonical: { id: string } | null;
  duplicate: { id: string } | null;
}

const gateway = (): string => {
  const found = platformServices().find((s) => s.name === 'partner-gateway');
  if (!found) throw new Error('partner-gateway is not in infra/services.conf');
  return found.url;
};

async function report(partner: 'beijing-hq' | 'hebei-center', projectId: string, title: string, institution: string, time: string): Promise<void> {
  const client = PartnerClient.of(gateway(), partnerCredential(partner));
  const source = client.source as Source;
  const event = buildEvent(
    'research.project.found.v1',
    {
      projectId,
      title,
      institution: { name: institution, region: 'tianjin', type: 'university' },
      field: 'new-materials',
      trl: 4,
      demonstration: { withHq: false, conclusion: '合作方自行论证。' },
      attribution: { centerRole: 'partner-only', organiser: { name: partner === 'beijing-hq' ? '京津冀国家技术创新中心本部' : '河北省京津冀技术创新中心', source } },
    },
    { source, time },
  );
  const result = await client.send([event]);
  if (result.accepted !== 1) throw new Error(`${partner}: the gateway did not accept the report: ${JSON.stringify(result)}`);
}

describe('the reconciliation queue (browser)', () => {
  const ui = browserPerTest();
  let page: Page;
  let token: string;
  const hqId = `hq-rec-${RUN}`;
  const hebeiId = `hb-rec-${RUN}`;

  beforeAll(async () => {
    const health = await fetch(`${CONSOLE_URL}/healthz`).catch(() => undefined);
    if (!health?.ok) throw new Error(`the console is not running on ${CONSOLE_URL}`);
    token = await devToken({ sub: 'zhang.wei', name: '张伟', role: 'coordinator', network: 'research' });
    // HQ first (the earlier found is the one kept), then Hebei with full-width brackets and a trailing space.
    await report('beijing-hq', hqId, TITLE, '天津大学', '2024-05-06T10:00:00+08:00');
    await report('hebei-center', hebeiId, TITLE.replace('（', '(').replace('）', ')') + ' ', '天津大学', '2024-05-09T10:00:00+08:00');
  }, 120_000);
  beforeEach(() => {
    page = ui.page();
  });

  it('shows the suspected pair, confirms it as one project, and undoes the confirmation', async () => {
    const pair = await eventually(
      async () => (await callApi<{ items: Reconciliation[] }>(token, 'GET', '/research/reconciliations?limit=100')).body.items.find((r) => r.duplicate?.id === hebeiId),
      (r) => r !== undefined,
      { what: `a reconciliation of ${hebeiId} with ${hqId}` },
    );
    expect(pair).toMatchObject({ status: 'pending', canonical: { id: hqId } });

    await signIn(page, 'zhang.wei');
    await page.goto(`${CONSOLE_URL}/research`);
    await page.getByTestId('open-reconciliations').click();
    const drawer = page.getByTestId('reconciliation-drawer');
    await drawer.waitFor();
    const row = rowWith(page, 'reconciliation-table', hebeiId);
    try {
      await row.waitFor({ timeout: 30_000 });
    } catch (e) {
      await page.screenshot({ path: `${SCREENSHOTS}/failure-reconciliation.png`, fullPage: true });
      throw new Error(`the drawer does not list the pair ${hqId} / ${hebeiId}`, { cause: e });
    }
    // Both sides, with their sources in Chinese, and the pending state.
    await row.filter({ hasText: hqId }).filter({ hasText: '京津冀国家技术创新中心本部' }).waitFor();
    expect(await row.getByTestId('reconciliation-status').innerText()).toBe('待确认');

    await row.getByTestId('reconciliation-confirm').click();
    await row.getByTestId('reconciliation-status').filter({ hasText: '已确认为同一项目' }).waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toContain('处理人');
    const confirmed = await callApi<{ items: Reconciliation[] }>(token, 'GET', '/research/reconciliations?limit=100');
    expect(confirmed.body.items.find((r) => r.id === pair!.id)).toMatchObject({ status: 'confirmed' });
    await screenshot(page, 'reconciliation-confirmed.png');

    // The undo: a confirmed pair's 撤销确认 asks first, then rejects it; both reports stand again.
    await row.getByTestId('reconciliation-reject').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await row.getByTestId('reconciliation-status').filter({ hasText: '已驳回' }).waitFor({ timeout: 30_000 });
    const undone = await callApi<{ items: Reconciliation[] }>(token, 'GET', '/research/reconciliations?limit=100');
    expect(undone.body.items.find((r) => r.id === pair!.id)).toMatchObject({ status: 'rejected' });
  });
});
