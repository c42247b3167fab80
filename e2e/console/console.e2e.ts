/**
 * The console in a real browser against the running platform.
 * Real: headless Chromium, the console server (dev login, proxy), every
 * service, Kafka, PostgreSQL, Redis. Faked: nothing — except three dead letters,
 * written straight into the KPI service's dead-letter table (a well-formed
 * event that "failed" there), so there is something to replay.
 *
 * Screenshots: e2e/results/screenshots/{research-workspace,dashboard}.png
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { buildEvent, toWireMessage } from '@tjc/contracts';
import { platformDatabaseUrl } from '../src/platform';
import { browserPerTest, callApi, CONSOLE_URL, devToken, eventually, pickOption, screenshot, SCREENSHOTS, signIn } from './browser';

const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const RUN = Date.now().toString(36);
const FIELD = { key: 'new-materials', zh: '新材料' };
const KPI = 'disruptive-projects';

const KPI_DEFINITIONS = [
  { kpiCode: 'disruptive-projects', label: { zh: '遴选原创性颠覆性技术成果（约10项）', en: 'Original/disruptive technology achievements selected (about 10)' }, unit: { zh: '项', en: 'projects' }, target: 10, eventTypes: ['research.project.found.v1'], filters: [], counting: { kind: 'count-distinct', key: 'subject' }, sortOrder: 1 },
  {
    kpiCode: 'key-enterprises-joint-research',
    label: { zh: '天津重点企业与京冀机构联合攻关', en: 'Key Tianjin enterprises in joint research with Beijing/Hebei institutions' },
    unit: { zh: '家', en: 'enterprises' },
    target: 5,
    eventTypes: ['industry.consortium.formed.v1'],
    filters: [
      { path: 'leadEnterprise.isKeyEnterprise', op: 'eq', value: true },
      { path: 'leadEnterprise.region', op: 'eq', value: 'tianjin' },
    ],
    counting: { kind: 'count-distinct', key: 'leadEnterprise.id' },
    sortOrder: 2,
  },
  { kpiCode: 'achievements-landed', label: { zh: '京冀科技成果在津落地转化（约10项）', en: 'Achievements from Beijing/Hebei landed in Tianjin (about 10)' }, unit: { zh: '项', en: 'achievements' }, target: 10, eventTypes: ['service.achievement.transferred.v1'], filters: [{ path: 'origin.region', op: 'in', values: ['beijing', 'hebei', 'xiongan'] }], counting: { kind: 'count-distinct', key: 'subject' }, sortOrder: 3 },
  { kpiCode: 'trainees', label: { zh: '培养技术转移人才（约800人次）', en: 'Technology-transfer talent trained (about 800 person-times)' }, unit: { zh: '人次', en: 'person-times' }, target: 800, eventTypes: ['service.training.completed.v1'], filters: [], counting: { kind: 'sum-distinct-items', items: 'completions', key: 'enrolmentId' }, sortOrder: 4 },
  { kpiCode: 'events', label: { zh: '举办项目推介、供需对接、融资路演等活动（10场以上）', en: 'Events held: promotion, matching, roadshows (10+)' }, unit: { zh: '场', en: 'events' }, target: 10, eventTypes: ['service.activity.held.v1'], filters: [], counting: { kind: 'count-distinct', key: 'subject' }, sortOrder: 5 },
] as const;

interface KpiYear {
  kpis: { kpiCode: string; value: number }[];
}

async function setup() {
  const health = await fetch(`${CONSOLE_URL}/healthz`).catch(() => undefined);
  if (!health?.ok) throw new Error(`the console is not running on ${CONSOLE_URL}: pnpm --filter @tjc/console build && pnpm --filter @tjc/console start`);
  const tokens = {
    admin: await devToken({ sub: 'chen.jing', name: '陈静', role: 'center-admin' }),
    research: await devToken({ sub: 'zhang.wei', name: '张伟', role: 'coordinator', network: 'research' }),
    industry: await devToken({ sub: 'li.na', name: '李娜', role: 'coordinator', network: 'industry' }),
  };

  // The year's KPIs must be defined for the dashboard to count them (targets are data, set by the
  // center; these are the 2024 plan's five, as in seeds/src/data/kpi-targets.ts).
  const current = await callApi<KpiYear>(tokens.admin, 'GET', `/kpi/kpi/${YEAR}?cache=bypass`);
  const defined = new Set(current.status === 200 ? current.body.kpis.map((k) => k.kpiCode) : []);
  for (const { kpiCode, ...body } of KPI_DEFINITIONS) {
    if (defined.has(kpiCode)) continue;
    const put = await callApi(tokens.admin, 'PUT', `/kpi/kpi/targets/${YEAR}/${kpiCode}`, body);
    expect(put.status).toBe(202);
  }
  await eventually(() => callApi<KpiYear>(tokens.admin, 'GET', `/kpi/kpi/${YEAR}?cache=bypass`), (r) => r.status === 200 && KPI_DEFINITIONS.every((d) => r.body.kpis.some((k) => k.kpiCode === d.kpiCode)), { what: `the KPIs of ${YEAR}` });

  // A review panel needs three active experts of the project's field.
  const experts = await callApi<{ total: number }>(tokens.research, 'GET', `/research/experts?field=${FIELD.key}&active=true&limit=1`);
  for (let i = experts.body.total; i < 3; i++) {
    const r = await callApi(tokens.research, 'POST', '/research/experts', { name: `材料评审专家${i + 1}`, region: (['beijing', 'hebei', 'tianjin'] as const)[i], fields: [FIELD.key], institutionName: ['北京科技大学', '河北工业大学', '中国科学院金属研究所'][i], title: '教授' });
    expect(r.status).toBe(201);
  }
  return { tokens };
}

async function kpiValueOnPage(page: Page): Promise<number> {
  const text = await page.getByTestId(`kpi-value-${KPI}`).locator('.ant-statistic-content-value').innerText();
  return Number(text.replace(/[^\d.]/g, ''));
}

/** Waits for the project drawer to show this state. */
async function stateBecomes(page: Page, state: string): Promise<void> {
  await page.locator(`[data-testid="project-state"][data-state="${state}"]`).waitFor({ timeout: 20_000 });
}


describe('console (browser)', () => {
  let sut: Awaited<ReturnType<typeof setup>>;
  const ui = browserPerTest();
  let page: Page;
  let projectId: string;
  const title = `高熵合金增材制造关键技术（E2E ${RUN}）`;

  beforeAll(async () => {
    sut = await setup();
  });
  beforeEach(() => {
    page = ui.page();
  });

  it('a research coordinator submits a project, moves it through the pipeline, and the KPI counts it', async () => {
    await signIn(page, 'zhang.wei');
    await page.waitForURL('**/research');

    // The KPI before, as the dashboard shows it.
    await page.getByTestId('nav-kpi').click();
    await page.getByTestId(`kpi-card-${KPI}`).waitFor();
    const before = await kpiValueOnPage(page);

    // Submit.
    await page.getByTestId('nav-research').click();
    await page.getByTestId('submit-project').click();
    await page.getByTestId('f-title').fill(title);
    await page.getByTestId('f-institution-name').fill(`天津大学材料科学与工程学院（E2E ${RUN}）`);
    await pickOption(page, 'f-institution-region', '天津');
    await pickOption(page, 'f-field', FIELD.zh);
    await page.getByTestId('f-trl').fill('5');
    await page.getByTestId('f-team-0-name').fill('王磊');
    await page.getByTestId('f-summary').fill('面向航空发动机热端部件的高熵合金激光增材制造工艺与性能调控。');
    await page.getByTestId('submit-project-confirm').click();
    await page.getByTestId('project-drawer').waitFor();
    await stateBecomes(page, 'submitted');
    projectId = page.url().split('/').pop()!;

    // Review panel: three experts of the field.
    await page.getByTestId('assign-experts-select').click();
    for (let i = 0; i < 3; i++) await page.locator('.ant-select-dropdown:visible .ant-select-item-option:not(.ant-select-item-option-selected)').first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('assign-experts-submit').click();
    await stateBecomes(page, 'under-review');

    // Three reviews, one per expert.
    for (let i = 0; i < 3; i++) {
      await page.getByTestId('review-score').fill(String(85 + i));
      await page.getByTestId('review-comment').fill('原创性突出，具备在津落地条件。');
      await page.getByTestId('review-submit').click();
      if (i < 2) await page.locator(`[data-testid="review-form"][data-pending="${2 - i}"]`).waitFor();
    }

    await page.getByTestId('start-demonstration').click();
    await stateBecomes(page, 'in-demonstration');

    await page.getByTestId('select-conclusion').fill('与本部联合论证通过，建议落地天开高教科创园。');
    await page.getByTestId('select-submit').click();
    await stateBecomes(page, 'found');

    // The board, with the project in the "selected" column.
    await page.keyboard.press('Escape');
    await page.waitForURL('**/research');
    await page.getByTestId('column-found').locator(`[data-project-id="${projectId}"]`).waitFor();
    await screenshot(page, 'research-workspace.png');

    // The KPI goes up by one (event → KPI service → rollup → dashboard).
    await page.getByTestId('nav-kpi').click();
    await eventually(
      async () => {
        await page.getByTestId('kpi-refresh').click();
        await page.waitForTimeout(700);
        return kpiValueOnPage(page);
      },
      (v) => v === before + 1,
      { timeoutMs: 90_000, everyMs: 1_000, what: `the ${KPI} KPI to go from ${before} to ${before + 1}` },
    );
    await page.getByTestId(`kpi-chart-${KPI}`).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'dashboard.png');

    // Drill-down: the project's found event is among the counted events, named for people (#19.5):
    // the project's title linking to its record, the event type in Chinese, not its code.
    await page.getByTestId(`kpi-drill-${KPI}`).click();
    const row = page.getByTestId('lineage-drawer').locator(`tr[data-subject="${projectId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('lineage-type').innerText()).toBe('遴选出原创性颠覆性技术项目');
    const link = row.getByTestId('lineage-record-link');
    expect(await link.innerText()).toBe(title);
    expect(await row.getByTestId('lineage-record').innerText()).toContain(`项目 · ${projectId}`);
    await screenshot(page, 'kpi-drill-down.png');
    await link.click();
    await page.waitForURL(`**/research/projects/${projectId}`);
    await page.getByTestId('project-drawer').waitFor();
  });

  it("shows another network's record read-only, and the API's 403 as a read-only notice", async () => {
    const someProject = await callApi<{ items: { id: string; state: string }[] }>(sut.tokens.research, 'GET', '/research/projects?limit=1');
    const { id, state } = someProject.body.items[0]!;

    // An industry coordinator reads a research project; the console offers no change.
    await signIn(page, 'li.na');
    await page.goto(`${CONSOLE_URL}/research/projects/${id}`);
    await page.getByTestId('read-only-banner').waitFor();
    await stateBecomes(page, state);
    expect(await page.getByTestId('assign-panel').count()).toBe(0);
    expect(await page.getByTestId('submit-project').count()).toBe(0);

    // The services decide, not the console: a session whose rights changed since
    // sign-in (simulated by sending the industry coordinator's token) gets a 403,
    // shown as a read-only notice in the form, and nothing is created.
    await page.evaluate(() => sessionStorage.clear());
    await signIn(page, 'zhang.wei');
    const refusedTitle = `钙钛矿叠层电池封装材料（E2E ${RUN}）`;
    await page.route('**/api/research/projects', (route) =>
      route.request().method() === 'POST' ? route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${sut.tokens.industry}` } }) : route.continue(),
    );
    await page.getByTestId('submit-project').click();
    await page.getByTestId('f-title').fill(refusedTitle);
    await page.getByTestId('f-institution-name').fill('河北工业大学');
    await pickOption(page, 'f-institution-region', '河北');
    await pickOption(page, 'f-field', FIELD.zh);
    await page.getByTestId('f-team-0-name').fill('李强');
    await page.getByTestId('f-summary').fill('高稳定性钙钛矿叠层电池封装材料。');
    await page.getByTestId('submit-project-confirm').click();
    const notice = page.getByTestId('problem-forbidden');
    await notice.waitFor({ timeout: 15_000 }).catch(async (e: unknown) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, 'failure-403.png'), fullPage: true });
      throw e;
    });
    expect(await notice.innerText()).toContain('只读');
    // By this run's own title, not the total: other suites create projects on the shared platform meanwhile.
    const after = await callApi<{ total: number }>(sut.tokens.research, 'GET', `/research/projects?q=${encodeURIComponent(refusedTitle)}&limit=1`);
    expect(after.status).toBe(200);
    expect(after.body.total).toBe(0);
  });

  it('ops filters dead letters, inspects one, replays it, and replays two at once (one fails again)', async () => {
    // Well-formed events that "failed" in the KPI consumer: their dead letters. Dated
    // 2021, a year without KPIs, so replaying them never moves a real figure.
    const activity = (n: number) =>
      buildEvent(
        'service.activity.held.v1',
        { activityId: `act-e2e-${RUN}-${n}`, type: 'supply-demand-matching', title: `新材料供需对接会（E2E ${RUN} ${n}）`, heldOn: '2021-03-15', place: '天开高教科创园', organisers: ['天津中心'], participants: 60, pairsMatched: 4 },
        { source: 'tjc/service-network', time: '2021-03-15T14:00:00+08:00' },
      );
    const event = activity(1);
    const wire = toWireMessage(event);
    const db = new Client({ connectionString: platformDatabaseUrl('kpi') });
    await db.connect();
    const deadLetterId = randomUUID();
    const [bulkOk, bulkBad] = [randomUUID(), randomUUID()];
    const second = toWireMessage(activity(2));
    const insert = (id: string, m: { topic: string; key: string | null; value: string | null; headers: Record<string, string> }, eventId: string | null, type: string | null, n: number) =>
      db.query(
        `INSERT INTO rt_dead_letter (id, consumer_group, topic, partition, "offset", key, value, headers, event_id, event_type, error_kind, error, attempts, source)
         VALUES ($1, 'kpi', $2, 0, $8, $3, $4, $5, $6, $7, 'transient', $9, 5, 'tjc/service-network')`,
        // (group, topic, partition, offset) is unique: a coordinate no real message of this run has.
        [id, m.topic, m.key, m.value, JSON.stringify(m.headers), eventId, type, String(9_000_000_000_000 + Date.now() * 10 + n), `simulated ${RUN}: database connection lost while applying`],
      );
    try {
      await insert(deadLetterId, wire, event.id, event.type, 0);
      await insert(bulkOk, second, null, 'service.activity.held.v1', 1);
      // Not an event at all: its replay fails again, and says why.
      await insert(bulkBad, { ...second, value: '{"not":"an event"' }, null, 'service.activity.held.v1', 2);
    } finally {
      await db.end();
    }

    await signIn(page, 'zhao.lei');
    await page.waitForURL('**/ops');
    await page.getByTestId('ops-tab-dead-letters').click();
    await page.getByTestId('dl-service-kpi').click();
    // Filtered on the server by the error text: exactly this run's three.
    await page.getByTestId('dl-search').locator('input').fill(`simulated ${RUN}`);
    await page.getByTestId('dl-search').locator('input').press('Enter');
    const rows = page.getByTestId('dead-letters').locator('tbody tr[data-row-key]');
    await eventually(() => rows.count(), (n) => n === 3, { what: 'the three dead letters of this run, filtered by their error text' });

    // The detail: what the message was, where it sat, why it failed, in Chinese.
    const row = page.locator(`tr[data-row-key="${deadLetterId}"]`);
    await row.getByTestId('dl-details').click();
    const detail = page.getByTestId('dl-detail');
    await detail.getByText('活动举办').first().waitFor();
    const text = await detail.innerText();
    expect(text).toContain(`新材料供需对接会（E2E ${RUN} 1）`);
    expect(text).toContain('ce_type');
    expect(text).toContain(`simulated ${RUN}: database connection lost while applying`);
    await screenshot(page, 'dead-letter-detail.png');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });

    await row.getByTestId('trace-link').waitFor();
    await row.getByTestId('dl-replay').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await page.locator('.ant-message-notice').filter({ hasText: '已重放' }).waitFor();
    await row.waitFor({ state: 'detached' });

    // The other two at once: one replays, one fails again, and the summary says so with the reason.
    for (const id of [bulkOk, bulkBad]) await page.locator(`tr[data-row-key="${id}"] .ant-checkbox-input`).check();
    await page.getByTestId('dl-replay-selected').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    // The result dialog, by its title (antd puts a test id on the modal's root, which has no box of its own).
    const summary = page.locator('.ant-modal:visible').filter({ hasText: '批量处理结果' });
    try {
      await summary.waitFor();
    } catch (e) {
      await page.screenshot({ path: `${SCREENSHOTS}/failure-dead-letters-bulk.png`, fullPage: true });
      throw e;
    }
    expect(await summary.innerText()).toMatch(/已重放 1 条[\s\S]*再次失败 1 条/);
    await screenshot(page, 'dead-letters-bulk-result.png');

    const ops = await devToken({ sub: 'zhao.lei', name: '赵磊', role: 'ops' });
    const after = await callApi<{ status: string; resolvedBy: string }>(ops, 'GET', `/kpi/ops/dead-letters/${deadLetterId}`);
    expect(after.body).toMatchObject({ status: 'replayed', resolvedBy: 'zhao.lei' });
    expect((after.body as unknown as { history: { action: string }[] }).history.map((h) => h.action)).toContain('dead-letter.replay');
    const [ok, bad] = await Promise.all([bulkOk, bulkBad].map((id) => callApi<{ status: string; attempts: number; error: string; firstError: string }>(ops, 'GET', `/kpi/ops/dead-letters/${id}`)));
    expect(ok!.body.status).toBe('replayed');
    expect(bad!.body).toMatchObject({ status: 'pending', attempts: 6, firstError: `simulated ${RUN}: database connection lost while applying` });
    expect(bad!.body.error).not.toBe(bad!.body.firstError);
  });
});
