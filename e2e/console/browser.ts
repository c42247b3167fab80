/**
 * Headless Chromium for the console's browser tests. The test tool's own
 * browser download does not work here, so we drive the system Chromium
 * (Debian package `chromium`) with playwright-core.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// The instance's console (infra/env.sh sets CONSOLE_PORT: 3100 for the user's platform, 4100 for the test suite's).
export const CONSOLE_URL = process.env['CONSOLE_URL'] ?? `http://127.0.0.1:${process.env['CONSOLE_PORT'] ?? '3100'}`;
export const SCREENSHOTS = path.join(__dirname, '..', 'results', 'screenshots');

export async function launch(): Promise<Browser> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Login {
  readonly sub: string;
  readonly name: string;
  readonly role: 'coordinator' | 'reader' | 'center-admin' | 'ops';
  readonly network?: 'research' | 'industry' | 'service' | 'fund';
}

/** A development token from the console server, as the login page gets it. */
export async function devToken(who: Login): Promise<string> {
  const res = await fetch(`${CONSOLE_URL}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(who) });
  if (!res.ok) throw new Error(`dev token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Calls a service through the console's proxy, as the browser does. */
export async function callApi<T>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${CONSOLE_URL}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Signs in through the login page with one of its quick picks. */
export async function signIn(page: Page, quickSub: string): Promise<void> {
  await page.goto(`${CONSOLE_URL}/login`);
  await page.getByTestId(`quick-${quickSub}`).click();
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function signOut(page: Page): Promise<void> {
  await page.evaluate(() => sessionStorage.clear());
}

/** Picks an option of an antd Select by its visible text. */
export async function pickOption(page: Page, selectTestId: string, text: string | RegExp): Promise<void> {
  await page.getByTestId(selectTestId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, { timeoutMs = 60_000, everyMs = 500, what = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await fn();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Types a date (YYYY-MM-DD) into an antd DatePicker, whichever element its test id landed on. */
export async function fillDate(page: Page, testId: string, date: string): Promise<void> {
  const el = page.getByTestId(testId);
  const input = (await el.evaluate((e) => e.tagName)) === 'INPUT' ? el : el.locator('input').first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/**
 * The error text shown under the form field that holds the element with this
 * test id (antd renders a field's errors inside its `.ant-form-item`). Waits
 * until an error is shown there.
 */
export async function fieldErrorOf(page: Page, testId: string, timeout = 15_000): Promise<string> {
  const item = page.getByTestId(testId).locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-form-item ")][1]');
  const error = item.locator('.ant-form-item-explain-error');
  await error.first().waitFor({ timeout });
  return (await error.allInnerTexts()).join(' | ');
}

/**
 * Picks an option of an antd Select by its text, typing `search` first where
 * the select searches (the option list is virtual: only what is scrolled into
 * view exists in the page), then waits for the dropdown to close so it cannot
 * cover the next field.
 */
export async function chooseOption(page: Page, selectTestId: string, text: string | RegExp, search?: string): Promise<void> {
  const select = page.getByTestId(selectTestId);
  const open = page.locator('.ant-select-dropdown:visible');
  // A click during the dropdown's opening animation can be lost: check the select shows the choice, and try again if not.
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (search !== undefined) await page.keyboard.type(search);
    await open.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
    // A multiple select stays open after a pick; close it.
    if ((await open.count()) > 0) await page.keyboard.press('Escape');
    await open.first().waitFor({ state: 'hidden' }).catch(() => undefined);
    const shown = await select.innerText();
    if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return;
    if (attempt === 3) throw new Error(`${selectTestId} does not show "${String(text)}" after choosing it (shows "${shown}")`);
  }
}

/** A full-page screenshot without the transient success toasts (hidden for the shot only: a test may wait for the next one). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const hide = await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  try {
    await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
  } finally {
    await hide.evaluate((el) => (el as Element).remove());
  }
}

/**
 * Submits a create/action modal and waits for it to close; if it stays open
 * (the API refused), fails with what the modal shows, and a screenshot.
 */
export async function submitModal(page: Page, testId: string): Promise<void> {
  const ok = page.getByTestId(`${testId}-ok`);
  await ok.click();
  try {
    await ok.waitFor({ state: 'detached', timeout: 20_000 });
  } catch {
    await page.screenshot({ path: path.join(SCREENSHOTS, `failure-${testId}.png`), fullPage: true });
    const shown = await page.locator('.ant-modal:visible').innerText().catch(() => '');
    throw new Error(`the ${testId} form did not close: ${shown}`);
  }
}

/** A table row (antd `tr`) containing this text. */
export const rowWith = (page: Page, tableTestId: string, text: string) => page.getByTestId(tableTestId).locator('tbody tr.ant-table-row').filter({ hasText: text });

/**
 * Registers the browser of a test file: one Chromium for the file, a fresh
 * context per test (zh-CN, Asia/Shanghai, 1440×900, no shared storage, so
 * one test's sign-in never leaks into the next). `page()` is the test's page.
 */
export function browserPerTest(): { readonly page: () => Page } {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
  });
  afterEach(async () => context?.close());
  return { page: () => page! };
}
