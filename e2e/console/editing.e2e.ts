/**
 * The console's editing screens in a real browser against the running
 * platform: industry enterprises (register, edit), fund master data and
 * sub-funds, service-network members, and special-funding applications
 * (apply, review, grant). Each change is made through its form, then read
 * back from the service's API.
 * Real: headless Chromium, the console server, every service, Kafka,
 * PostgreSQL, Redis. Faked: nothing. A few requests are rewritten on their
 * way (page.route) to send what the form itself would refuse, so the API's
 * own 400 field errors can be seen next to their fields.
 *
 * Shared-platform care: every name carries this run's suffix; the only
 * KPI-relevant event (a transfer landing, needed before funding can be
 * applied for) is dated 2021, and the funding dates are in 2021 too, so no
 * figure of the current year moves.
 *
 * Screenshots: e2e/results/screenshots/{industry-enterprises,fund-sub-funds,service-members,service-funding}.png
 */
import type { Page, Route } from 'playwright-core';
import { browserPerTest, callApi, chooseOption, CONSOLE_URL, devToken, eventually, fieldErrorOf, fillDate, rowWith, screenshot, signIn, submitModal } from './browser';

const RUN = Date.now().toString(36);
const TAG = `E2E ${RUN}`;

interface PageOf<T> {
  items: T[];
  total: number;
}
interface Money {
  amount: string;
  currency: 'CNY';
}
interface Enterprise {
  id: string;
  name: string;
  region: string;
  industryChain: string;
  field: string;
  isKeyEnterprise: boolean;
  isChainLeader: boolean;
  version: number;
}
interface Fund {
  id: string;
  name: string;
  manager: string;
  size: Money;
  establishedOn: string | null;
  description: string | null;
  version: number;
}

type Tokens = Record<'industry' | 'service' | 'fund', string>;

async function setup() {
  const health = await fetch(`${CONSOLE_URL}/healthz`).catch(() => undefined);
  if (!health?.ok) throw new Error(`the console is not running on ${CONSOLE_URL}: pnpm --filter @tjc/console build && pnpm --filter @tjc/console start`);
  const tokens: Tokens = {
    industry: await devToken({ sub: 'li.na', name: '李娜', role: 'coordinator', network: 'industry' }),
    service: await devToken({ sub: 'wang.fang', name: '王芳', role: 'coordinator', network: 'service' }),
    fund: await devToken({ sub: 'liu.yang', name: '刘洋', role: 'coordinator', network: 'fund' }),
  };
  return { tokens };
}

/** Calls the API and insists on the expected status (set-up steps the test does not exercise). */
async function must<T>(token: string, method: string, apiPath: string, body: unknown, status: number): Promise<T> {
  const res = await callApi<T>(token, method, apiPath, body);
  if (res.status !== status) throw new Error(`${method} ${apiPath}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function registerEnterprise(tokens: Tokens, label: string): Promise<Enterprise> {
  return must<Enterprise>(tokens.industry, 'POST', '/industry/enterprises', { name: `${label}（${TAG}）`, region: 'tianjin', industryChain: '信创产业链', field: 'information-innovation' }, 201);
}

async function registerFund(tokens: Tokens, label: string): Promise<Fund> {
  return must<Fund>(tokens.fund, 'POST', '/fund/funds', { name: `${label}（${TAG}）`, type: 'transfer', manager: '天津滨海新区科技金融集团', size: { amount: '100000000', currency: 'CNY' } }, 201);
}

/** A transfer from Beijing that landed in 2021 (a year without KPIs anyone looks at): only landed transfers may apply for funding. */
async function landedTransfer(tokens: Tokens, title: string): Promise<{ id: string; title: string }> {
  const t = tokens.service;
  const registered = await must<{ id: string; version: number }>(t, 'POST', '/service/transfers', { achievement: { title, field: 'new-materials' }, origin: { name: '北京理工大学材料学院', region: 'beijing', type: 'university' } }, 201);
  const matched = await must<{ version: number }>(t, 'POST', `/service/transfers/${registered.id}/match`, { version: registered.version, receiver: { kind: 'park', name: '天开高教科创园', park: '天开高教科创园' } }, 200);
  const negotiating = await must<{ version: number }>(t, 'POST', `/service/transfers/${registered.id}/negotiate`, { version: matched.version }, 200);
  await must(t, 'POST', `/service/transfers/${registered.id}/land`, { version: negotiating.version, mode: 'licence', contractAmount: { amount: '3000000', currency: 'CNY' }, landedOn: '2021-04-20' }, 200);
  return { id: registered.id, title };
}

async function search(page: Page, testId: string, text: string): Promise<void> {
  const input = page.getByTestId(testId).locator('input');
  await input.fill(text);
  await input.press('Enter');
}

/** Rewrites the JSON body of the next requests of `method` to `pattern` (to send what the form would refuse). */
async function rewriteBody(page: Page, pattern: string, method: string, change: (body: Record<string, unknown>) => void): Promise<void> {
  await page.route(pattern, async (route: Route) => {
    if (route.request().method() !== method) return route.continue();
    const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
    change(body);
    return route.continue({ postData: JSON.stringify(body) });
  });
}

/** How many elements with this test id the page shows. */
const countOf = (page: Page, testId: string) => page.getByTestId(testId).count();

describe('console editing screens (browser)', () => {
  let sut: Awaited<ReturnType<typeof setup>>;
  const ui = browserPerTest();
  let page: Page;

  beforeAll(async () => {
    sut = await setup();
  });
  beforeEach(() => {
    page = ui.page();
  });

  it('an industry coordinator registers an enterprise, then edits it (only the changed fields are sent)', async () => {
    const name = `天津海河智算科技有限公司（${TAG}）`;
    const id = `ent-e2e-${RUN}`;
    await signIn(page, 'li.na');
    await page.goto(`${CONSOLE_URL}/industry`);
    await page.getByTestId('tab-enterprises').click();

    await page.getByTestId('register-enterprise').click();
    await page.getByTestId('f-enterprise-name').fill(name);
    await page.getByTestId('f-enterprise-id').fill(id);
    await chooseOption(page, 'f-enterprise-field', '信创', '信创');
    await page.getByTestId('f-enterprise-chain').fill('信创产业链');
    await submitModal(page, 'register-enterprise');
    await search(page, 'enterprises-search', TAG);
    const row = rowWith(page, 'enterprises-table', name);
    await row.waitFor();
    expect(await row.innerText()).toContain('信创产业链');

    await row.getByTestId('enterprise-edit').click();
    expect(await page.getByTestId('f-enterprise-name').inputValue()).toBe(name);
    await page.getByTestId('f-enterprise-chain').fill('人工智能产业链');
    await page.getByTestId('f-enterprise-key').click();
    const patch = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().endsWith(`/api/industry/enterprises/${id}`));
    await submitModal(page, 'edit-enterprise');
    expect((await patch).postDataJSON()).toEqual({ version: 1, industryChain: '人工智能产业链', isKeyEnterprise: true });
    await eventually(() => row.innerText(), (s) => s.includes('人工智能产业链') && s.includes('重点企业'), { what: 'the edited row' });
    await screenshot(page, 'industry-enterprises.png');

    const api = await callApi<Enterprise>(sut.tokens.industry, 'GET', `/industry/enterprises/${id}`);
    expect(api.body).toMatchObject({ id, name, region: 'tianjin', field: 'information-innovation', industryChain: '人工智能产业链', isKeyEnterprise: true, isChainLeader: false, version: 2 });
    const audit = await callApi<{ items: { action: string }[] }>(sut.tokens.industry, 'GET', `/industry/enterprises/${id}/audit`);
    // The listing is dated and audited on its own (ADR 0015); the request is still one version step.
    expect(audit.body.items.map((a) => a.action)).toEqual(['enterprise.registered', 'enterprise.updated', 'enterprise.key-listed']);
  });

  it("puts the API's field error of an enterprise edit next to the field, and reloads after a stale version", async () => {
    const enterprise = await registerEnterprise(sut.tokens, '天津中科曙光存储科技有限公司');
    await signIn(page, 'li.na');
    await page.goto(`${CONSOLE_URL}/industry`);
    await page.getByTestId('tab-enterprises').click();
    await search(page, 'enterprises-search', TAG);
    await rowWith(page, 'enterprises-table', enterprise.name).getByTestId('enterprise-edit').click();
    await page.getByTestId('f-enterprise-chain').fill('新材料产业链');

    // A blank name, which the form refuses itself, sent anyway: the API's 400 on `name` shows under the name.
    await rewriteBody(page, '**/api/industry/enterprises/*', 'PATCH', (body) => {
      body['name'] = '   ';
    });
    await page.getByTestId('edit-enterprise-ok').click();
    expect(await fieldErrorOf(page, 'f-enterprise-name')).toMatch(/white space|空/);
    await page.getByTestId('problem-validation').waitFor();
    expect(await page.getByTestId('f-enterprise-chain').locator('xpath=ancestor::div[contains(@class,"ant-form-item ")][1]').locator('.ant-form-item-explain-error').count()).toBe(0);
    await page.unrouteAll();

    // Someone else marks it a chain leader meanwhile: the form's version is stale (409).
    await must(sut.tokens.industry, 'PATCH', `/industry/enterprises/${enterprise.id}`, { version: 1, isChainLeader: true }, 200);
    await page.getByTestId('edit-enterprise-ok').click();
    await page.getByTestId('problem-stale').waitFor();
    // Reloaded: the other change shows, the user's own edit stays, the version is the new one.
    await eventually(() => page.getByTestId('f-enterprise-leader').getAttribute('aria-checked'), (v) => v === 'true', { what: 'the reloaded chain-leader switch' });
    expect(await page.getByTestId('f-enterprise-chain').inputValue()).toBe('新材料产业链');
    expect(await page.getByTestId('edit-enterprise-version').innerText()).toMatch(/版本 2$/);
    await submitModal(page, 'edit-enterprise');

    const api = await callApi<Enterprise>(sut.tokens.industry, 'GET', `/industry/enterprises/${enterprise.id}`);
    expect(api.body).toMatchObject({ name: enterprise.name, industryChain: '新材料产业链', isChainLeader: true, version: 3 });
  });

  it('a fund coordinator corrects a fund and records a sub-fund with its leverage', async () => {
    const fund = await registerFund(sut.tokens, '滨海新区科技成果转化基金');
    const subFund = `天开园新材料产业子基金（${TAG}）`;
    await signIn(page, 'liu.yang');
    await page.goto(`${CONSOLE_URL}/fund`);
    await page.getByTestId('tab-funds').click();
    await search(page, 'funds-search', TAG);
    const row = rowWith(page, 'funds-table', fund.name);
    await row.waitFor();

    await row.getByTestId('fund-edit').click();
    await page.getByTestId('f-fund-manager').fill('天津滨海产业基金管理有限公司');
    await page.getByTestId('f-fund-size').fill('120000000');
    await fillDate(page, 'f-fund-established-on', '2021-05-10');
    await page.getByTestId('f-fund-description').fill('支持京津冀科技成果在滨海新区转化');
    await submitModal(page, 'edit-fund');
    await eventually(() => row.innerText(), (s) => s.includes('天津滨海产业基金管理有限公司') && s.includes('2021-05-10'), { what: 'the edited fund row' });

    const edited = await callApi<Fund>(sut.tokens.fund, 'GET', `/fund/funds/${fund.id}`);
    expect(edited.body).toMatchObject({ name: fund.name, manager: '天津滨海产业基金管理有限公司', establishedOn: '2021-05-10', description: '支持京津冀科技成果在滨海新区转化', version: 2 });
    expect(Number(edited.body.size.amount)).toBe(120_000_000);

    await row.getByTestId('fund-add-sub-fund').click();
    await page.getByTestId('f-sub-fund-name').fill(subFund);
    await page.getByTestId('f-sub-fund-manager').fill('天津天开私募基金管理有限公司');
    await page.getByTestId('f-sub-fund-size').fill('40000000');
    await page.getByTestId('f-sub-fund-own').fill('10000000');
    await fillDate(page, 'f-sub-fund-established-on', '2021-06-01');
    // An own contribution above the sub-fund's size, which the form refuses itself: the API's 400 shows under it.
    await rewriteBody(page, '**/api/fund/funds/*/sub-funds', 'POST', (body) => {
      body['ownContribution'] = { amount: '50000000', currency: 'CNY' };
    });
    await page.getByTestId('add-sub-fund-ok').click();
    expect(await fieldErrorOf(page, 'f-sub-fund-own')).toContain('cannot exceed the sub-fund size');
    await page.unrouteAll();
    await submitModal(page, 'add-sub-fund');

    await row.locator('.ant-table-row-expand-icon').click();
    const subFunds = page.getByTestId(`sub-funds-${fund.id}`);
    await eventually(() => subFunds.innerText(), (s) => s.includes(subFund) && s.includes('3.0000'), { what: 'the sub-fund under its fund' });
    expect(await subFunds.innerText()).toContain('¥30,000,000');
    await screenshot(page, 'fund-sub-funds.png');

    const api = await callApi<PageOf<{ name: string; size: Money; ownContribution: Money; socialCapital: Money; leverage: string; establishedOn: string }>>(sut.tokens.fund, 'GET', `/fund/funds/${fund.id}/sub-funds`);
    expect(api.body.items).toEqual([expect.objectContaining({ name: subFund, leverage: '3.0000', establishedOn: '2021-06-01' })]);
    expect(Number(api.body.items[0]!.ownContribution.amount)).toBe(10_000_000);
    expect(Number(api.body.items[0]!.socialCapital.amount)).toBe(30_000_000);
  });

  it('a service coordinator registers a network member and opens its audit trail', async () => {
    const name = `天开高教科创园承接中心（${TAG}）`;
    await signIn(page, 'wang.fang');
    await page.goto(`${CONSOLE_URL}/service`);
    await page.getByTestId('tab-members').click();
    await page.getByTestId('register-member').click();
    await page.getByTestId('f-member-name').fill(name);
    await chooseOption(page, 'f-member-kind', '承接园区');
    await page.getByTestId('f-member-note').fill('京冀成果在津承接');

    // A kind the form does not offer: the API's 400 on `kind` shows under the kind.
    await rewriteBody(page, '**/api/service/members', 'POST', (body) => {
      body['kind'] = 'incubator';
    });
    await page.getByTestId('register-member-ok').click();
    expect(await fieldErrorOf(page, 'f-member-kind')).not.toBe('');
    await page.getByTestId('problem-validation').waitFor();
    await page.unrouteAll();
    await submitModal(page, 'register-member');

    await search(page, 'members-search', TAG);
    const row = rowWith(page, 'members-table', name);
    await row.waitFor();
    expect(await row.innerText()).toContain('承接园区');
    await row.getByTestId('member-detail').click();
    await eventually(() => page.getByTestId('member-audit').innerText(), (s) => s.includes('成员已登记'), { what: "the member's audit trail" });
    await screenshot(page, 'service-members.png');

    const api = await callApi<PageOf<{ name: string; kind: string; region: string; note: string | null }>>(sut.tokens.service, 'GET', `/service/members?q=${encodeURIComponent(TAG)}`);
    expect(api.body.items.filter((m) => m.name === name)).toEqual([expect.objectContaining({ name, kind: 'park', region: 'tianjin', note: '京冀成果在津承接' })]);
  });

  it('a service coordinator applies for special funding, records the expert review and grants it', async () => {
    const transfer = await landedTransfer(sut.tokens, `高性能钠离子电池正极材料（${TAG}）`);
    await signIn(page, 'wang.fang');
    await page.goto(`${CONSOLE_URL}/service`);
    await page.getByTestId('tab-funding').click();

    await page.getByTestId('apply-funding').click();
    await chooseOption(page, 'f-funding-transfer', transfer.title, TAG);
    await page.getByTestId('f-funding-amount').fill('500000');
    await fillDate(page, 'f-funding-applied-on', '2021-05-01');
    await page.getByTestId('f-funding-purpose').fill('中试放大与首批客户验证');
    await submitModal(page, 'apply-funding');
    const row = rowWith(page, 'funding-table', transfer.title);
    await row.waitFor();
    expect(await row.innerText()).toContain('已申请');
    // Only the review is possible now.
    expect(await row.getByTestId('funding-grant').count()).toBe(0);

    // A second application while this one is open: the API's 409 with the current state, shown in the form.
    await page.getByTestId('tab-transfers').click();
    await rowWith(page, 'transfers-table', transfer.title).getByTestId('transfer-apply-funding').click();
    await page.getByTestId('f-funding-amount').fill('100000');
    await fillDate(page, 'f-funding-applied-on', '2021-05-02');
    await page.getByTestId('f-funding-purpose').fill('重复申请');
    await page.getByTestId('apply-funding-ok').click();
    const conflict = page.getByTestId('problem-conflict');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('已申请');
    await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();
    await page.getByTestId('apply-funding-ok').waitFor({ state: 'detached' });
    await page.getByTestId('tab-funding').click();

    await row.getByTestId('funding-review').click();
    const experts = [
      { name: '李明', region: '北京', score: '85' },
      { name: '王强', region: '河北', score: '86' },
      { name: '张华', region: '天津', score: '86' },
    ];
    for (const [i, e] of experts.entries()) {
      if (i > 0) await page.getByTestId('f-review-add').click();
      await page.getByTestId(`f-review-${i}-name`).fill(e.name);
      await chooseOption(page, `f-review-${i}-region`, e.region);
      await page.getByTestId(`f-review-${i}-score`).fill(e.score);
    }
    await page.getByTestId('f-review-0-comment').fill('技术路线清晰，产业化前景好');
    await eventually(() => page.getByTestId('review-score-preview').innerText(), (s) => s.includes('85.67'), { what: 'the score preview' });
    await submitModal(page, 'review-funding');
    await eventually(() => row.innerText(), (s) => s.includes('已评审') && s.includes('85.67'), { what: 'the reviewed application' });
    expect(await row.getByTestId('funding-review').count()).toBe(0);
    expect(await row.getByTestId('funding-decline').count()).toBe(1);

    await row.getByTestId('funding-grant').click();
    // More than requested, which the form refuses itself: the service's own 400 on grantedAmount.amount shows under the amount.
    await rewriteBody(page, '**/api/service/funding-applications/*/grant', 'POST', (body) => {
      body['grantedAmount'] = { amount: '600000', currency: 'CNY' };
    });
    await page.getByTestId('f-funding-granted-amount').fill('400000');
    await fillDate(page, 'f-funding-decided-on', '2021-06-15');
    await page.getByTestId('grant-funding-ok').click();
    expect(await fieldErrorOf(page, 'f-funding-granted-amount')).toContain('must not exceed the requested amount');
    await page.unrouteAll();
    await submitModal(page, 'grant-funding');
    await eventually(() => row.innerText(), (s) => s.includes('已资助') && s.includes('¥400,000'), { what: 'the granted application' });
    expect(await row.getByTestId('funding-decline').count()).toBe(0);
    await row.locator('.ant-table-row-expand-icon').click();
    await eventually(() => page.locator('[data-testid^="funding-audit-"]').first().innerText(), (s) => s.includes('已批准资助'), { what: 'the audit trail' });
    await screenshot(page, 'service-funding.png');

    const api = await callApi<PageOf<{ status: string; appliedOn: string; reviewScore: string; grantedAmount: Money; decidedOn: string; reviews: { expertName: string; expertRegion: string; score: number }[] }>>(
      sut.tokens.service,
      'GET',
      `/service/funding-applications?transferId=${encodeURIComponent(transfer.id)}`,
    );
    expect(api.body.items).toEqual([expect.objectContaining({ status: 'granted', appliedOn: '2021-05-01', reviewScore: '85.67', decidedOn: '2021-06-15' })]);
    expect(api.body.items[0]!.reviews.map((r) => [r.expertName, r.expertRegion, r.score])).toEqual([
      ['李明', 'beijing', 85],
      ['王强', 'hebei', 86],
      ['张华', 'tianjin', 86],
    ]);
    expect(Number(api.body.items[0]!.grantedAmount.amount)).toBe(400_000);
  });

  it("shows these screens read-only to another network's coordinator", async () => {
    // Records to look at, so the tables have rows whose actions could show.
    const enterprise = await registerEnterprise(sut.tokens, '天津只读检查企业');
    const fund = await registerFund(sut.tokens, '只读检查基金');
    const member = await must<{ name: string }>(sut.tokens.service, 'POST', '/service/members', { name: `只读检查技术转移机构（${TAG}）`, kind: 'transfer-agency', region: 'beijing' }, 201);
    const transfer = await landedTransfer(sut.tokens, `只读检查成果（${TAG}）`);
    await must(sut.tokens.service, 'POST', `/service/transfers/${transfer.id}/funding-applications`, { requestedAmount: { amount: '200000', currency: 'CNY' }, purpose: '只读检查', appliedOn: '2021-05-01' }, 201);

    // A research coordinator: every one of these networks is someone else's.
    await signIn(page, 'zhang.wei');
    await page.goto(`${CONSOLE_URL}/industry`);
    await page.getByTestId('read-only-banner').waitFor();
    await page.getByTestId('tab-enterprises').click();
    await search(page, 'enterprises-search', TAG);
    await rowWith(page, 'enterprises-table', enterprise.name).waitFor();
    for (const button of ['register-enterprise', 'enterprise-edit']) expect({ button, count: await countOf(page, button) }).toEqual({ button, count: 0 });

    await page.goto(`${CONSOLE_URL}/fund`);
    await page.getByTestId('read-only-banner').waitFor();
    await page.getByTestId('tab-funds').click();
    await search(page, 'funds-search', TAG);
    const fundRow = rowWith(page, 'funds-table', fund.name);
    await fundRow.waitFor();
    // Sub-funds can be read.
    await fundRow.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId(`sub-funds-${fund.id}`).waitFor();
    for (const button of ['register-fund', 'fund-edit', 'fund-add-sub-fund']) expect({ button, count: await countOf(page, button) }).toEqual({ button, count: 0 });

    await page.goto(`${CONSOLE_URL}/service`);
    await page.getByTestId('read-only-banner').waitFor();
    await page.getByTestId('tab-members').click();
    await search(page, 'members-search', TAG);
    const memberRow = rowWith(page, 'members-table', member.name);
    await memberRow.waitFor();
    // Reading a member's detail is not an edit: it stays.
    expect(await memberRow.getByTestId('member-detail').count()).toBe(1);
    await page.getByTestId('tab-funding').click();
    await rowWith(page, 'funding-table', transfer.title).waitFor();
    await page.getByTestId('tab-transfers').click();
    await rowWith(page, 'transfers-table', transfer.title).waitFor();
    for (const button of ['register-member', 'apply-funding', 'funding-review', 'funding-grant', 'funding-decline', 'transfer-apply-funding', 'register-transfer']) {
      expect({ button, count: await countOf(page, button) }).toEqual({ button, count: 0 });
    }
  });
});
