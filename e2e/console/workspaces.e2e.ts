/**
 * The console's creation forms in a real browser against the running
 * platform: each record is created through its form, then found in the
 * screen's list and read back from the service's API.
 * Real: headless Chromium, the console server, every service, Kafka,
 * PostgreSQL, Redis. Faked: nothing. Two requests are rewritten on their way
 * (page.route) to send what the form itself would refuse, so the API's own
 * 400/404 field errors can be seen next to their fields; one has its token
 * swapped to get the API's 403.
 *
 * Shared-platform care: the KPI target is set for YEAR + 3 under a code of its
 * own, and the corrected event is an activity held in 2021 (a year without
 * KPIs), so no figure anyone else looks at moves.
 *
 * Screenshots: e2e/results/screenshots/{industry-consortia,service-training,fund-grants,kpi-targets,kpi-corrections}.png
 */
import type { Page } from 'playwright-core';
import { browserPerTest, callApi, chooseOption, CONSOLE_URL, devToken, eventually, fieldErrorOf, fillDate, rowWith, screenshot, signIn, submitModal } from './browser';

const RUN = Date.now().toString(36);
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const TARGET_YEAR = YEAR + 3;
const TARGET_CODE = 'e2e-console-events';

interface PageOf<T> {
  items: T[];
  total: number;
}

async function setup() {
  const health = await fetch(`${CONSOLE_URL}/healthz`).catch(() => undefined);
  if (!health?.ok) throw new Error(`the console is not running on ${CONSOLE_URL}: pnpm --filter @tjc/console build && pnpm --filter @tjc/console start`);
  const tokens = {
    admin: await devToken({ sub: 'chen.jing', name: '陈静', role: 'center-admin' }),
    industry: await devToken({ sub: 'li.na', name: '李娜', role: 'coordinator', network: 'industry' }),
    service: await devToken({ sub: 'wang.fang', name: '王芳', role: 'coordinator', network: 'service' }),
    fund: await devToken({ sub: 'liu.yang', name: '刘洋', role: 'coordinator', network: 'fund' }),
  };
  // A consortium's lead is a registered Tianjin enterprise; one of this run's own.
  const enterprise = await callApi<{ id: string; name: string }>(tokens.industry, 'POST', '/industry/enterprises', {
    name: `天津飞腾信息技术有限公司（E2E ${RUN}）`,
    region: 'tianjin',
    industryChain: '信创产业链',
    field: 'information-innovation',
    isKeyEnterprise: true,
  });
  expect(enterprise.status).toBe(201);
  return { tokens, enterprise: enterprise.body };
}

describe('console forms (browser)', () => {
  let sut: Awaited<ReturnType<typeof setup>>;
  const ui = browserPerTest();
  let page: Page;

  beforeAll(async () => {
    sut = await setup();
  });
  beforeEach(() => {
    page = ui.page();
  });

  it('an industry coordinator forms a consortium with Beijing and Hebei members', async () => {
    const name = `信创关键软硬件创新联合体（E2E ${RUN}）`;
    await signIn(page, 'li.na');
    await page.goto(`${CONSOLE_URL}/industry`);
    await page.getByTestId('tab-consortia').click();
    await page.getByTestId('form-consortium').click();
    await page.getByTestId('f-consortium-name').fill(name);
    await page.getByTestId('f-consortium-topic').fill('国产CPU与操作系统协同适配关键技术联合攻关');
    await chooseOption(page, 'f-consortium-lead', sut.enterprise.name, `E2E ${RUN}`);
    await chooseOption(page, 'f-consortium-field', '信创', '信创');
    await page.getByTestId('f-member-0-name').fill('北京大学计算机学院');
    await page.getByTestId('f-member-add').click();
    await page.getByTestId('f-member-1-name').fill('河北工业大学人工智能与数据科学学院');
    await chooseOption(page, 'f-member-1-region', '河北');
    await submitModal(page, 'form-consortium');

    const row = rowWith(page, 'consortia-table', name);
    await row.waitFor();
    expect(await row.innerText()).toContain('河北工业大学人工智能与数据科学学院');
    await screenshot(page, 'industry-consortia.png');

    const api = await callApi<PageOf<{ name: string; status: string; members: { name: string; region: string }[] }>>(sut.tokens.industry, 'GET', `/industry/consortia?leadEnterpriseId=${encodeURIComponent(sut.enterprise.id)}`);
    expect(api.body.items).toEqual([
      expect.objectContaining({
        name,
        status: 'formed',
        members: [
          { name: '北京大学计算机学院', region: 'beijing' },
          { name: '河北工业大学人工智能与数据科学学院', region: 'hebei' },
        ],
      }),
    ]);
  });

  it('shows the form checks and the API field errors next to the right fields', async () => {
    await signIn(page, 'li.na');
    await page.goto(`${CONSOLE_URL}/industry`);
    await page.getByTestId('tab-consortia').click();
    await page.getByTestId('form-consortium').click();

    // The client's own rules (as the API's): required fields.
    await page.getByTestId('form-consortium-ok').click();
    expect(await fieldErrorOf(page, 'f-consortium-name')).toContain('联合体名称');
    expect(await fieldErrorOf(page, 'f-member-0-name')).not.toBe('');
    expect(await page.getByTestId('f-consortium-field').locator('xpath=ancestor::div[contains(@class,"ant-form-item ")][1]').locator('.ant-form-item-explain-error').count()).toBe(1);

    const name = `无效联合体（E2E ${RUN}）`;
    await page.getByTestId('f-consortium-name').fill(name);
    await page.getByTestId('f-consortium-topic').fill('校验测试');
    await chooseOption(page, 'f-consortium-lead', sut.enterprise.name, `E2E ${RUN}`);
    await chooseOption(page, 'f-consortium-field', '信创', '信创');
    await page.getByTestId('f-member-0-name').fill('北京理工大学');

    // A member from Tianjin, which the form does not offer: the API's 400 on members.0.region.
    await page.route('**/api/industry/consortia', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const body = JSON.parse(route.request().postData() ?? '{}') as { members: { region: string }[] };
      body.members[0]!.region = 'tianjin';
      return route.continue({ postData: JSON.stringify(body) });
    });
    await page.getByTestId('form-consortium-ok').click();
    expect(await fieldErrorOf(page, 'f-member-0-region')).toMatch(/北京、河北或雄安|Beijing, Hebei or Xiong/);
    await page.getByTestId('problem-validation').waitFor();
    // Nothing else is blamed: the name the user typed is fine.
    expect(await page.getByTestId('f-consortium-name').locator('xpath=ancestor::div[contains(@class,"ant-form-item ")][1]').locator('.ant-form-item-explain-error').count()).toBe(0);

    // An unknown lead enterprise: the API's 404 names the body field, shown next to it.
    await page.unroute('**/api/industry/consortia');
    await page.route('**/api/industry/consortia', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
      return route.continue({ postData: JSON.stringify({ ...body, leadEnterpriseId: `ent-missing-${RUN}` }) });
    });
    await page.getByTestId('form-consortium-ok').click();
    expect(await fieldErrorOf(page, 'f-consortium-lead')).toContain(`ent-missing-${RUN}`);

    const api = await callApi<PageOf<{ name: string }>>(sut.tokens.industry, 'GET', `/industry/consortia?leadEnterpriseId=${encodeURIComponent(sut.enterprise.id)}&limit=200`);
    expect(api.body.items.map((c) => c.name)).not.toContain(name);
  });

  it('a service coordinator creates a course, plans a session and enrols a trainee', async () => {
    const course = `技术经理人初级培训（E2E ${RUN}）`;
    const session = `技术经理人初级培训·京津冀联合班（E2E ${RUN}）`;
    await signIn(page, 'wang.fang');
    await page.goto(`${CONSOLE_URL}/service`);
    await page.getByTestId('tab-training').click();

    await page.getByTestId('create-course').click();
    await chooseOption(page, 'f-course-type', '技术经理人');
    await page.getByTestId('f-course-title').fill(course);
    await page.getByTestId('f-course-hours').fill('48');
    await submitModal(page, 'create-course');
    await page.getByTestId('courses-search').locator('input').fill(`E2E ${RUN}`);
    await page.getByTestId('courses-search').locator('input').press('Enter');
    await rowWith(page, 'courses-table', course).waitFor();

    await page.getByTestId('plan-session').click();
    await chooseOption(page, 'f-session-course', course, `E2E ${RUN}`);
    await page.getByTestId('f-session-title').fill(session);
    await fillDate(page, 'f-session-starts', TODAY);
    await fillDate(page, 'f-session-ends', TODAY);
    await page.getByTestId('f-session-place').fill('天开高教科创园');
    await chooseOption(page, 'f-session-partner', '北京');
    await page.getByTestId('f-session-capacity').fill('60');
    await submitModal(page, 'plan-session');
    await page.getByTestId('sessions-search').locator('input').fill(`E2E ${RUN}`);
    await page.getByTestId('sessions-search').locator('input').press('Enter');
    const row = rowWith(page, 'sessions-table', session);
    await row.waitFor();

    await row.getByTestId('session-enrol').click();
    await page.getByTestId('f-trainee-name').fill('赵敏');
    await page.getByTestId('f-trainee-id').fill(`tb-${RUN}-001`);
    await page.getByTestId('f-trainee-organisation').fill('南开大学技术转移中心');
    await submitModal(page, 'enrol');
    await row.locator('.ant-table-row-expand-icon').click();
    await page.locator('[data-testid^="enrolments-"]').filter({ hasText: '赵敏' }).waitFor();
    expect(await row.innerText()).toMatch(/1 \/ 60/);
    await screenshot(page, 'service-training.png');

    const sessions = await callApi<PageOf<{ id: string; title: string; course: { title: string }; partnerRegion: string; enrolments: { enrolled: number } }>>(sut.tokens.service, 'GET', `/service/training-sessions?q=${encodeURIComponent(`E2E ${RUN}`)}`);
    const created = sessions.body.items.find((s) => s.title === session);
    expect(created).toMatchObject({ course: { title: course }, partnerRegion: 'beijing', enrolments: { enrolled: 1 } });
    const enrolments = await callApi<PageOf<{ traineeId: string; traineeName: string; organisation: string; status: string }>>(sut.tokens.service, 'GET', `/service/training-sessions/${created!.id}/enrolments`);
    expect(enrolments.body.items).toEqual([expect.objectContaining({ traineeId: `tb-${RUN}-001`, traineeName: '赵敏', organisation: '南开大学技术转移中心', status: 'enrolled' })]);
  });

  it('a fund coordinator registers a fund and awards a convertible grant with milestones', async () => {
    const fund = `天开园创业种子基金（E2E ${RUN}）`;
    const grantee = `天津大学精密仪器与光电子工程学院（E2E ${RUN}）`;
    await signIn(page, 'liu.yang');
    await page.goto(`${CONSOLE_URL}/fund`);

    await page.getByTestId('tab-funds').click();
    await page.getByTestId('register-fund').click();
    await page.getByTestId('f-fund-name').fill(fund);
    await chooseOption(page, 'f-fund-type', '种子基金');
    await page.getByTestId('f-fund-manager').fill('天津天开发展集团有限公司');
    await page.getByTestId('f-fund-size').fill('50000000');
    await submitModal(page, 'register-fund');
    await page.getByTestId('funds-search').locator('input').fill(`E2E ${RUN}`);
    await page.getByTestId('funds-search').locator('input').press('Enter');
    await rowWith(page, 'funds-table', fund).waitFor();

    await page.getByTestId('tab-grants').click();
    await page.getByTestId('award-grant').click();
    await chooseOption(page, 'f-grant-fund', fund, `E2E ${RUN}`);
    await page.getByTestId('f-grantee-name').fill(grantee);
    await chooseOption(page, 'f-grantee-region', '天津');
    await page.getByTestId('f-grant-amount').fill('1500000.50');
    await fillDate(page, 'f-grant-awarded-on', TODAY);
    await page.getByTestId('f-grant-milestone-0-title').fill('完成样机研制');
    await fillDate(page, 'f-grant-milestone-0-due', `${YEAR + 1}-06-30`);
    await submitModal(page, 'award-grant');
    await page.getByTestId('grants-search').locator('input').fill(`E2E ${RUN}`);
    await page.getByTestId('grants-search').locator('input').press('Enter');
    const row = rowWith(page, 'grants-table', grantee);
    await row.waitFor();
    expect(await row.innerText()).toContain('¥1,500,000.50');
    await screenshot(page, 'fund-grants.png');

    const grants = await callApi<PageOf<{ grantee: { name: string; region: string }; amount: { amount: string }; convertible: boolean; status: string; milestones: { title: string; due: string }[] }>>(sut.tokens.fund, 'GET', `/fund/grants?q=${encodeURIComponent(`E2E ${RUN}`)}`);
    expect(grants.body.items).toEqual([
      expect.objectContaining({ grantee: { name: grantee, region: 'tianjin' }, convertible: true, status: 'awarded', milestones: [expect.objectContaining({ title: '完成样机研制', due: `${YEAR + 1}-06-30` })] }),
    ]);
    expect(Number(grants.body.items[0]!.amount.amount)).toBe(1500000.5);
  });

  it('the center admin sets and then changes a KPI target of a year', async () => {
    const first = 100 + (Date.now() % 500);
    const changed = first + 7;
    await signIn(page, 'chen.jing');
    await page.goto(`${CONSOLE_URL}/kpi/targets`);
    await page.getByTestId('targets-year').fill(String(TARGET_YEAR));
    await page.getByTestId('targets-year').press('Enter');

    // Set (or re-set) the KPI through the "add" form.
    await page.getByTestId('add-target').click();
    await page.getByTestId('f-target-code').fill(TARGET_CODE);
    await page.getByTestId('f-target-value').fill(String(first));
    await page.getByTestId('f-target-label-zh').fill('举办项目推介、供需对接等活动（E2E）');
    await page.getByTestId('f-target-label-en').fill('Events held (E2E)');
    await page.getByTestId('f-target-unit-zh').fill('场');
    await page.getByTestId('f-target-unit-en').fill('events');
    // Options show the catalogue's titles; the search also finds the type's code.
    await chooseOption(page, 'f-target-event-types', '活动举办', 'service.activity.held');
    await submitModal(page, 'target');
    const value = page.getByTestId(`target-value-${TARGET_CODE}`);
    await eventually(() => value.innerText().catch(() => ''), (v) => v.startsWith(`${first} `), { what: `the target ${first} on the targets screen` });

    // Change it: the form starts from the definition in force.
    await page.getByTestId(`change-target-${TARGET_CODE}`).click();
    expect(await page.getByTestId('f-target-label-zh').inputValue()).toBe('举办项目推介、供需对接等活动（E2E）');
    await page.getByTestId('f-target-value').fill(String(changed));
    await submitModal(page, 'target');
    await eventually(() => value.innerText().catch(() => ''), (v) => v.startsWith(`${changed} `), { what: `the changed target ${changed} on the targets screen` });
    await screenshot(page, 'kpi-targets.png');

    const current = await callApi<{ items: { kpiCode: string; target: number; eventTypes: string[]; unit: { zh: string } }[] }>(sut.tokens.admin, 'GET', `/kpi/kpi/targets/${TARGET_YEAR}`);
    expect(current.body.items.find((d) => d.kpiCode === TARGET_CODE)).toMatchObject({ target: changed, eventTypes: ['service.activity.held.v1'], unit: { zh: '场' } });
    const history = await callApi<{ items: { kpiCode: string; target: number; current: boolean }[] }>(sut.tokens.admin, 'GET', `/kpi/kpi/targets/${TARGET_YEAR}/history`);
    const mine = history.body.items.filter((d) => d.kpiCode === TARGET_CODE);
    expect(mine.slice(-2).map((d) => [d.target, d.current])).toEqual([
      [first, false],
      [changed, true],
    ]);
  });

  it('the center admin retracts an event through the corrections screen', async () => {
    // An activity of the service network held in 2021: its event is the one to retract.
    const planned = await callApi<{ id: string; version: number }>(sut.tokens.service, 'POST', '/service/activities', {
      type: 'supply-demand-matching',
      title: `新材料供需对接会（E2E ${RUN}）`,
      plannedOn: '2021-03-01',
      place: '天开高教科创园',
      organisers: ['天津中心'],
    });
    expect(planned.status).toBe(201);
    const held = await callApi<{ version: number }>(sut.tokens.service, 'POST', `/service/activities/${planned.body.id}/hold`, { version: planned.body.version, heldOn: '2021-03-15', participants: 40, pairsMatched: 3 });
    expect(held.status).toBe(200);
    // The audit trail names the event each change published; the last one is the "held" event.
    const audit = await callApi<{ items: { action: string; eventId: string | null }[] }>(sut.tokens.service, 'GET', `/service/activities/${planned.body.id}/audit`);
    const eventId = audit.body.items.map((e) => e.eventId).filter((id): id is string => id !== null).pop();
    expect(eventId).toBeDefined();

    await signIn(page, 'chen.jing');
    await page.goto(`${CONSOLE_URL}/kpi/corrections`);
    await page.getByTestId('submit-correction').click();
    // The options show names and catalogue titles; typing the code still finds them.
    await chooseOption(page, 'f-correction-source', '天津中心服务网络', 'tjc/service-network');
    await chooseOption(page, 'f-correction-type', '活动举办', 'service.activity.held.v1');
    await page.getByTestId('f-correction-id').fill(eventId!);
    await page.getByTestId('f-correction-reason').fill('重复录入，撤回（E2E）');
    await submitModal(page, 'correction');

    // Accepted once the KPI service has consumed both the event and its correction.
    await page.locator(`[data-testid="corrections-table"] tr[data-target-id="${eventId}"][data-status="accepted"]`).waitFor({ timeout: 60_000 });
    await screenshot(page, 'kpi-corrections.png');

    const list = await callApi<PageOf<{ target: { id: string; source: string; type: string }; action: string; reason: string; status: string }>>(sut.tokens.admin, 'GET', '/kpi/kpi/corrections?limit=200');
    expect(list.body.items.filter((c) => c.target.id === eventId)).toEqual([
      expect.objectContaining({ target: { source: 'tjc/service-network', id: eventId, type: 'service.activity.held.v1' }, action: 'retract', reason: '重复录入，撤回（E2E）', status: 'accepted' }),
    ]);
  });

  it("shows other networks' new screens read-only, and the API's 403 clearly", async () => {
    // A session to look at, so the table has a row whose actions could show.
    const course = await callApi<{ id: string }>(sut.tokens.service, 'POST', '/service/courses', { type: 'technology-broker', title: `技术经纪人培训（E2E ${RUN}）` });
    expect(course.status).toBe(201);
    const session = await callApi(sut.tokens.service, 'POST', '/service/training-sessions', { courseId: course.body.id, title: `技术经纪人培训班（E2E ${RUN}）`, startsOn: TODAY, endsOn: TODAY, place: '滨海—中关村科技园' });
    expect(session.status).toBe(201);

    await signIn(page, 'li.na');
    await page.goto(`${CONSOLE_URL}/service`);
    await page.getByTestId('read-only-banner').waitFor();
    await page.getByTestId('tab-training').click();
    await page.getByTestId('sessions-table').waitFor();
    await page.goto(`${CONSOLE_URL}/fund`);
    await page.getByTestId('read-only-banner').waitFor();
    await page.getByTestId('tab-grants').click();
    await page.getByTestId('grants-table').waitFor();
    await page.goto(`${CONSOLE_URL}/kpi/targets`);
    await page.getByTestId('read-only-banner').waitFor();
    await page.goto(`${CONSOLE_URL}/kpi/corrections`);
    await page.getByTestId('corrections-table').waitFor();
    await page.getByTestId('read-only-banner').waitFor();
    for (const button of ['plan-session', 'create-course', 'register-transfer', 'award-grant', 'register-fund', 'open-deal', 'add-target', 'submit-correction', 'session-enrol']) {
      expect({ button, count: await page.getByTestId(button).count() }).toEqual({ button, count: 0 });
    }
    // Back on the service network, no row offers an action either.
    await page.goto(`${CONSOLE_URL}/service`);
    await page.getByTestId('tab-training').click();
    await page.getByTestId('sessions-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('session-enrol').count()).toBe(0);

    // The services decide: a request carrying another network's token is refused, and the form says so.
    await page.evaluate(() => sessionStorage.clear());
    await signIn(page, 'wang.fang');
    await page.goto(`${CONSOLE_URL}/service`);
    await page.getByTestId('tab-training').click();
    await page.route('**/api/service/courses', (route) =>
      route.request().method() === 'POST' ? route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${sut.tokens.industry}` } }) : route.continue(),
    );
    const title = `越权课程（E2E ${RUN}）`;
    await page.getByTestId('create-course').click();
    await chooseOption(page, 'f-course-type', '技术经纪人');
    await page.getByTestId('f-course-title').fill(title);
    await page.getByTestId('create-course-ok').click();
    const notice = page.getByTestId('problem-forbidden');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.innerText()).toContain('只读');
    const courses = await callApi<PageOf<{ title: string }>>(sut.tokens.service, 'GET', `/service/courses?q=${encodeURIComponent(title)}`);
    expect(courses.body.total).toBe(0);
  });
});
