/**
 * Signing in to the console with the OpenID Provider, in a real browser:
 * authorization code + PKCE against the development provider (infra/oidc,
 * oidc-provider), the provider's JWT access token used on the services'
 * APIs, single sign-on while the provider's session lives, signing out at
 * the provider, and a forged callback refused.
 * Real: headless Chromium, the console server, the OIDC provider, every
 * service, Kafka, PostgreSQL, Redis. Faked: nothing.
 *
 * Screenshot: e2e/results/screenshots/oidc-login.png (the provider's page)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { callApi, CONSOLE_URL, launch, SCREENSHOTS } from './browser';

interface Problem {
  statusCode: number;
  errors?: { path: string }[];
}

function devPassword(): string {
  const fromEnv = process.env['OIDC_DEV_PASSWORD'];
  if (fromEnv) return fromEnv;
  // Run by hand without infra/env.sh sourced: the generated password file.
  return readFileSync(path.join(__dirname, '..', '..', '.run', 'secrets', 'oidc-dev-password'), 'utf8').trim();
}

async function setup() {
  const res = await fetch(`${CONSOLE_URL}/config.json`).catch(() => undefined);
  if (!res?.ok) throw new Error(`the console is not running on ${CONSOLE_URL}: ./platform services`);
  const config = (await res.json()) as { oidc: { issuer: string; clientId: string } | null };
  if (!config.oidc) throw new Error('the console has no OIDC provider configured (AUTH_OIDC_ISSUER): ./platform services starts the development one');
  const discovery = await fetch(`${config.oidc.issuer}/.well-known/openid-configuration`).catch(() => undefined);
  if (!discovery?.ok) throw new Error(`the OIDC provider ${config.oidc.issuer} is not answering: ./platform services starts it`);
  return { issuer: config.oidc.issuer, password: devPassword(), browser: await launch() };
}

const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
const headerOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
const consoleToken = (page: Page) => page.evaluate(() => sessionStorage.getItem('tjc.console.token'));

/** From the console's login page to the provider's login form. */
async function toProvider(page: Page, issuer: string, next = '/research'): Promise<void> {
  await page.goto(`${CONSOLE_URL}/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-oidc').click();
  await page.waitForURL((u) => u.href.startsWith(`${issuer}/interaction/`));
}

async function providerLogin(page: Page, account: string, password: string): Promise<void> {
  await page.getByTestId('idp-login').fill(account);
  await page.getByTestId('idp-password').fill(password);
  await page.getByTestId('idp-submit').click();
}

describe('console sign-in with the OIDC provider (browser)', () => {
  let sut: Awaited<ReturnType<typeof setup>>;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    sut = await setup();
  });
  afterAll(async () => {
    await (sut?.browser as Browser | undefined)?.close();
  });
  beforeEach(async () => {
    context = await sut.browser.newContext({ locale: 'zh-CN' });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  it('a research coordinator signs in (code + PKCE) and the services accept the provider\'s token', async () => {
    await toProvider(page, sut.issuer, '/research');
    await expect(page.getByTestId('idp-password').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'oidc-login.png'), fullPage: true });

    // A wrong password stays on the provider's page with its message.
    await providerLogin(page, 'zhang.wei', 'not-the-password');
    await expect(page.getByTestId('idp-error').innerText()).resolves.toContain('账号或密码错误');

    await providerLogin(page, 'zhang.wei', sut.password);
    await page.waitForURL(`${CONSOLE_URL}/research`);
    await expect(page.getByTestId('user-menu').innerText()).resolves.toContain('张伟');

    const token = await consoleToken(page);
    expect(token).toBeTruthy();
    const claims = payloadOf(token!);
    expect(headerOf(token!)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(claims).toMatchObject({ iss: sut.issuer, aud: 'tjc-platform', sub: 'zhang.wei', name: '张伟', roles: ['coordinator'], network: 'research' });

    // The services verify it against the provider's keys: reads pass, a write on
    // the coordinator's own network reaches validation (400, not 401/403), and
    // a write on another network is refused by role (403).
    const list = await callApi<{ items: unknown[] }>(token!, 'GET', '/research/projects?limit=1');
    expect(list.status).toBe(200);
    const own = await callApi<Problem>(token!, 'POST', '/research/projects', {});
    expect(own.status).toBe(400);
    expect(own.body.errors?.length).toBeGreaterThan(0);
    const other = await callApi<Problem>(token!, 'POST', '/industry/demands', {});
    expect(other.status).toBe(403);
    // A token with one byte of its signature changed is refused.
    const sig = token!.split('.')[2]!;
    const tampered = `${token!.split('.').slice(0, 2).join('.')}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    expect((await callApi(tampered, 'GET', '/research/projects?limit=1')).status).toBe(401);
  });

  it('signs in again without a password while the provider\'s session lives, and signing out ends it', async () => {
    await toProvider(page, sut.issuer, '/kpi');
    await providerLogin(page, 'chen.jing', sut.password);
    await page.waitForURL(`${CONSOLE_URL}/kpi`);

    // The console's session ends (as when its access token expires); the provider's does not.
    await page.evaluate(() => sessionStorage.removeItem('tjc.console.token'));
    await page.goto(`${CONSOLE_URL}/login?next=${encodeURIComponent('/ops')}`);
    await page.getByTestId('login-oidc').click();
    await page.waitForURL(`${CONSOLE_URL}/ops`);
    expect(payloadOf((await consoleToken(page))!)).toMatchObject({ sub: 'chen.jing', roles: ['center-admin'] });

    // Signing out goes through the provider (RP-initiated logout) and back to the login page.
    await page.getByTestId('sign-out').click();
    await page.waitForURL((u) => u.href.startsWith(`${sut.issuer}/session/end`));
    await page.getByTestId('idp-logout-yes').click();
    await page.waitForURL((u) => u.href.startsWith(`${CONSOLE_URL}/login`));
    expect(await consoleToken(page)).toBeNull();

    // The provider asks for the password again.
    await toProvider(page, sut.issuer, '/kpi');
    await expect(page.getByTestId('idp-password').isVisible()).resolves.toBe(true);
  });

  it('refuses a callback that does not answer the sign-in it started (forged state)', async () => {
    await toProvider(page, sut.issuer, '/fund');
    await page.goto(`${CONSOLE_URL}/auth/callback?code=forged-code&state=forged-state&iss=${encodeURIComponent(sut.issuer)}`);
    await expect(page.getByTestId('oidc-callback-error').innerText()).resolves.toContain('state');
    expect(await consoleToken(page)).toBeNull();
    // And a callback nobody started (a replayed link) is refused too.
    await page.goto(`${CONSOLE_URL}/auth/callback?code=forged-code&state=forged-state`);
    await expect(page.getByTestId('oidc-callback-error').innerText()).resolves.toContain('not started here');
  });
});
