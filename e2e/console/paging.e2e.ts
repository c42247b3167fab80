/**
 * Lists page on the server (#19.1): a list beyond 100 records shows the API's total and reaches its oldest record.
 * Before, the console fetched the first 100 and paged them in the browser: "共 100 条" against a total of 122, and
 * older records could not be reached.
 * Real: headless Chromium (zh-CN), the console server, the service network's API, PostgreSQL. Faked: nothing.
 *
 * Shared-platform care: the 105 network members carry this run's tag, and the list is searched for exactly that tag;
 * registering a member moves no KPI.
 *
 * Screenshot: e2e/results/screenshots/list-paged.png
 */
import type { Page, Request } from 'playwright-core';
import { browserPerTest, callApi, chooseOption, CONSOLE_URL, devToken, rowWith, screenshot, SCREENSHOTS, signIn } from './browser';

const RUN = Date.now().toString(36);
const TAG = `分页${RUN}`;
const COUNT = 105;
const BATCH = 15;

interface PageOf<T> {
  items: T[];
  total: number;
}

const nameOf = (i: number) => `天开分页检查机构${String(i).padStart(3, '0')}（${TAG}）`;

async function register(token: string, i: number): Promise<void> {
  const res = await callApi(token, 'POST', '/service/members', { name: nameOf(i), kind: 'transfer-agency', region: 'tianjin' });
  if (res.status !== 201) throw new Error(`POST /service/members ${nameOf(i)}: ${res.status} ${JSON.stringify(res.body)}`);
}

describe('console lists page on the server (browser)', () => {
  const ui = browserPerTest();
  let page: Page;
  let token: string;

  beforeAll(async () => {
    const health = await fetch(`${CONSOLE_URL}/healthz`).catch(() => undefined);
    if (!health?.ok) throw new Error(`the console is not running on ${CONSOLE_URL}`);
    token = await devToken({ sub: 'wang.fang', name: '王芳', role: 'coordinator', network: 'service' });
    // The oldest first and alone, so it is unambiguously the last row of the newest-first list; the rest in parallel batches.
    await register(token, 1);
    for (let from = 2; from <= COUNT; from += BATCH) {
      await Promise.all(Array.from({ length: Math.min(BATCH, COUNT - from + 1) }, (_, k) => register(token, from + k)));
    }
  }, 180_000);
  beforeEach(() => {
    page = ui.page();
  });

  it("shows the API's total for a list beyond 100 records and reaches the oldest on the last page", async () => {
    const api = await callApi<PageOf<{ name: string }>>(token, 'GET', `/service/members?q=${encodeURIComponent(TAG)}&limit=1`);
    expect(api.body.total).toBe(COUNT);

    const asked: URL[] = [];
    page.on('request', (r: Request) => {
      const url = new URL(r.url());
      if (url.pathname.endsWith('/api/service/members') && r.method() === 'GET') asked.push(url);
    });
    await signIn(page, 'wang.fang');
    await page.goto(`${CONSOLE_URL}/service`);
    await page.getByTestId('tab-members').click();
    const input = page.getByTestId('members-search').locator('input');
    await input.fill(TAG);
    await input.press('Enter');

    const table = page.getByTestId('members-table');
    // antd's pager sits beside the table, outside the element that carries the test id; the only one visible is the members tab's.
    const pager = page.locator('.ant-pagination:visible');
    const totalText = pager.locator('.ant-pagination-total-text');
    try {
      await totalText.filter({ hasText: `共 ${COUNT} 条` }).waitFor({ timeout: 30_000 });
    } catch (e) {
      await page.screenshot({ path: `${SCREENSHOTS}/failure-list-paged.png`, fullPage: true });
      throw new Error(`the members list does not show 共 ${COUNT} 条 (shows "${await totalText.allInnerTexts()}"; asked ${asked.map((u) => u.search).join(' ')})`, { cause: e });
    }
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(20);
    await rowWith(page, 'members-table', nameOf(COUNT)).waitFor();

    // The last page (6 of 20 rows each): asked of the server as offset 100, and it holds the oldest record.
    const lastPage = Math.ceil(COUNT / 20);
    await pager.locator(`.ant-pagination-item-${lastPage}`).click();
    await rowWith(page, 'members-table', nameOf(1)).waitFor({ timeout: 30_000 });
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(COUNT - (lastPage - 1) * 20);
    expect(await totalText.innerText()).toContain(`共 ${COUNT} 条`);
    const searched = asked.filter((u) => u.searchParams.get('q') === TAG);
    expect(searched.map((u) => [u.searchParams.get('limit'), u.searchParams.get('offset')])).toEqual(expect.arrayContaining([['20', '0'], ['20', String((lastPage - 1) * 20)]]));
    await screenshot(page, 'list-paged.png');

    // A filter changed (the same 105 members are all 技术转移机构, so page 6 would still exist): back to page 1.
    await chooseOption(page, 'members-kind', '技术转移机构');
    await pager.locator('.ant-pagination-item-active').filter({ hasText: /^1$/ }).waitFor({ timeout: 30_000 });
    await rowWith(page, 'members-table', nameOf(COUNT)).waitFor({ timeout: 30_000 });
    expect(await totalText.innerText()).toContain(`共 ${COUNT} 条`);
  });
});
