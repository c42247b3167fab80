/**
 * Headless Chromium for the console's browser tests. The test tool's own
 * browser download does not work here, so we drive the system Chromium
 * (Debian package `chromium`) with playwright-core.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CONSOLE_URL = process.env['CONSOLE_URL'] ?? 'http://127.0.0.1:3100';
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
