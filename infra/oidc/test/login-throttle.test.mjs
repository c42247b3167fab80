/**
 * Wrong passwords are throttled per account and per client address (#18.10),
 * and the development provider refuses to run in production (#18.4).
 * A provider of its own on an ephemeral port (the counters are per process).
 * Real: oidc-provider, node:http, rate-limiter-flexible. Faked: the browser (fetch with a cookie jar).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { configFromEnv, createIdentityProvider, parseAccounts, CONSOLE_CLIENT_ID } from '../provider.mjs';

const CONSOLE = 'http://127.0.0.1:3100';
const PASSWORD = 'correct-horse-battery-staple';
let server;
let issuer;

before(async () => {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test' };
  server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${server.address().port}`;
  const accounts = parseAccounts([
    { sub: 'zhang.wei', name: '张伟', roles: ['coordinator'], network: 'research' },
    { sub: 'li.na', name: '李娜', roles: ['coordinator'], network: 'industry' },
    { sub: 'sun.li', name: '孙丽', roles: ['reader'] },
  ]);
  const { handler } = createIdentityProvider({ issuer, audience: 'tjc-platform', password: PASSWORD, accounts, consoleOrigins: [CONSOLE], signingKey, cookieKeys: ['k'.repeat(32)], loginThrottle: { perAccount: 3, perIp: 5, windowS: 900 } });
  server.on('request', handler);
});
after(() => new Promise((r) => server.close(r)));

/** A browser at the provider's login page: returns a function that posts the form (the interaction stays open after a refusal). */
async function loginPage() {
  const jar = new Map();
  const go = async (url, init = {}) => {
    const res = await fetch(new URL(url, issuer), { ...init, redirect: 'manual', headers: { ...init.headers, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  };
  const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
  const u = new URL('/auth', issuer);
  u.search = new URLSearchParams({ client_id: CONSOLE_CLIENT_ID, response_type: 'code', redirect_uri: `${CONSOLE}/auth/callback`, scope: 'openid profile platform', state: 's', nonce: 'n', code_challenge: challenge, code_challenge_method: 'S256' }).toString();
  const interaction = (await go(u.href)).headers.get('location');
  assert.match(interaction, /^\/interaction\//);
  return (login, password) => go(`${interaction}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ login, password }).toString() });
}

test('throttles wrong passwords per account, then per address; a refusal holds even for the right password', async () => {
  const submit = await loginPage();
  // zhang.wei: 3 wrong passwords allowed, then 429, even with the right one.
  for (let i = 0; i < 3; i++) assert.equal((await submit('zhang.wei', `wrong-${i}`)).status, 401);
  const locked = await submit('zhang.wei', PASSWORD);
  assert.equal(locked.status, 429);
  const wait = Number(locked.headers.get('retry-after'));
  assert.ok(wait >= 1 && wait <= 900, `retry-after ${wait}`);
  assert.match(await locked.text(), /尝试次数过多/);

  // Another account from the same address still signs in: its own count is 0, the address's 3 of 5.
  assert.equal((await (await loginPage())('sun.li', PASSWORD)).status, 303);
  // Unknown names count like known ones; the address reaches 5 failures and is refused for any account.
  const other = await loginPage();
  assert.equal((await other('nobody', 'x')).status, 401);
  assert.equal((await other('li.na', 'y')).status, 401);
  assert.equal((await other('li.na', PASSWORD)).status, 429);
  assert.equal((await (await loginPage())('sun.li', PASSWORD)).status, 429);
});

test('the development provider refuses to start with NODE_ENV=production', () => {
  const env = { OIDC_DEV_PASSWORD: PASSWORD };
  assert.doesNotThrow(() => configFromEnv(env));
  assert.throws(() => configFromEnv({ ...env, NODE_ENV: 'production' }), /NODE_ENV=production: this development provider does not run in production/);
  assert.throws(() => configFromEnv({ ...env, OIDC_LOGIN_MAX_FAILURES_PER_IP: '0' }), /OIDC_LOGIN_MAX_FAILURES_PER_IP: a positive integer/);
  assert.deepEqual(configFromEnv({ ...env, OIDC_LOGIN_MAX_FAILURES_PER_ACCOUNT: '4' }).loginThrottle, { perAccount: 4, perIp: 20, windowS: 900 });
});
