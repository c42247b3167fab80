/**
 * The development OpenID Provider over real HTTP on an ephemeral port: the
 * console's flow (authorization code + PKCE S256, public client, CORS on the
 * token endpoint), the JWT access token the services verify, and the
 * refusals (wrong password, no PKCE, wrong verifier, foreign origin).
 * Real: oidc-provider, node:http, jose verification against its /jwks.
 * Faked: the browser (fetch with a cookie jar).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { createIdentityProvider, parseAccounts, CONSOLE_CLIENT_ID } from '../provider.mjs';

const CONSOLE = 'http://127.0.0.1:3100';
const REDIRECT = `${CONSOLE}/auth/callback`;
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
    { sub: 'sun.li', name: '孙丽', roles: ['reader'] },
  ]);
  const { handler } = createIdentityProvider({ issuer, audience: 'tjc-platform', password: PASSWORD, accounts, consoleOrigins: [CONSOLE], signingKey, cookieKeys: ['k'.repeat(32)] });
  server.on('request', handler);
});
after(() => new Promise((r) => server.close(r)));

/** A browser: follows nothing by itself, keeps cookies. */
function browser() {
  const jar = new Map();
  return async (url, init = {}) => {
    const res = await fetch(new URL(url, issuer), { ...init, redirect: 'manual', headers: { ...init.headers, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  };
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');
function pkce() {
  const verifier = b64url(randomBytes(32));
  return { verifier, challenge: b64url(createHash('sha256').update(verifier).digest()) };
}

function authorizeUrl({ challenge, state = 'st-1', nonce = 'n-1', method = 'S256' }) {
  const u = new URL('/auth', issuer);
  u.search = new URLSearchParams({ client_id: CONSOLE_CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid profile platform', state, nonce, ...(challenge && { code_challenge: challenge, code_challenge_method: method }) }).toString();
  return u.href;
}

/** Runs the front channel up to the redirect back to the console; returns that URL. */
async function signIn(go, challenge, login = 'zhang.wei', password = PASSWORD) {
  const start = await go(authorizeUrl({ challenge }));
  assert.equal(start.status, 303);
  const interaction = start.headers.get('location');
  assert.match(interaction, /^\/interaction\//);
  const page = await go(interaction);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /统一身份认证/);
  const posted = await go(`${interaction}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ login, password }).toString() });
  if (posted.status !== 303) return { refused: posted };
  const resumed = await go(posted.headers.get('location'));
  assert.equal(resumed.status, 303);
  return { callback: new URL(resumed.headers.get('location')) };
}

function exchange(code, verifier, origin = CONSOLE) {
  return fetch(new URL('/token', issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CONSOLE_CLIENT_ID, ...(verifier && { code_verifier: verifier }) }).toString(),
  });
}

test('code + PKCE gives a JWT access token for the platform with the account\'s claims', async () => {
  const go = browser();
  const { verifier, challenge } = pkce();
  const { callback } = await signIn(go, challenge);
  assert.equal(callback.origin + callback.pathname, REDIRECT);
  assert.equal(callback.searchParams.get('state'), 'st-1');
  assert.equal(callback.searchParams.get('iss'), issuer);
  const res = await exchange(callback.searchParams.get('code'), verifier);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), CONSOLE);
  const tokens = await res.json();
  const jwks = createRemoteJWKSet(new URL('/jwks', issuer));
  const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, { issuer, audience: 'tjc-platform', algorithms: ['RS256'] });
  assert.equal(protectedHeader.typ, 'at+jwt');
  assert.equal(payload.sub, 'zhang.wei');
  assert.equal(payload.name, '张伟');
  assert.deepEqual(payload.roles, ['coordinator']);
  assert.equal(payload.network, 'research');
  const id = decodeJwt(tokens.id_token);
  assert.equal(id.nonce, 'n-1');
  assert.equal(id.aud, CONSOLE_CLIENT_ID);
  assert.equal(id.name, '张伟');
});

test('a code is used once: the second exchange is invalid_grant', async () => {
  const go = browser();
  const { verifier, challenge } = pkce();
  const { callback } = await signIn(go, challenge);
  const code = callback.searchParams.get('code');
  assert.equal((await exchange(code, verifier)).status, 200);
  const again = await exchange(code, verifier);
  assert.equal(again.status, 400);
  assert.equal((await again.json()).error, 'invalid_grant');
});

test('a wrong password is refused on the login page (401), naming no account', async () => {
  const go = browser();
  const { refused } = await signIn(go, pkce().challenge, 'zhang.wei', 'wrong-password');
  assert.equal(refused.status, 401);
  assert.match(await refused.text(), /账号或密码错误/);
  const { refused: unknown } = await signIn(browser(), pkce().challenge, 'nobody', PASSWORD);
  assert.equal(unknown.status, 401);
});

test('an authorization request without PKCE is refused', async () => {
  const res = await browser()(authorizeUrl({ challenge: undefined }));
  assert.equal(res.status, 303);
  const back = new URL(res.headers.get('location'));
  assert.equal(back.searchParams.get('error'), 'invalid_request');
  assert.match(back.searchParams.get('error_description'), /requires PKCE/);
});

test('the plain PKCE method is refused (S256 only)', async () => {
  const res = await browser()(authorizeUrl({ challenge: 'x'.repeat(43), method: 'plain' }));
  const back = new URL(res.headers.get('location'));
  assert.equal(back.searchParams.get('error'), 'invalid_request');
});

test('a wrong or missing code_verifier is invalid_grant', async () => {
  const { callback } = await signIn(browser(), pkce().challenge);
  const wrong = await exchange(callback.searchParams.get('code'), pkce().verifier);
  assert.equal(wrong.status, 400);
  assert.equal((await wrong.json()).error, 'invalid_grant');
  const { callback: second } = await signIn(browser(), pkce().challenge);
  const missing = await exchange(second.searchParams.get('code'), undefined);
  assert.equal(missing.status, 400);
});

test('the token endpoint does not grant CORS to another origin', async () => {
  const { verifier, challenge } = pkce();
  const { callback } = await signIn(browser(), challenge);
  const res = await exchange(callback.searchParams.get('code'), verifier, 'https://evil.example');
  assert.equal(res.headers.get('access-control-allow-origin'), null);
});

test('a reader gets a reader token (no network claim)', async () => {
  const { verifier, challenge } = pkce();
  const { callback } = await signIn(browser(), challenge, 'sun.li');
  const tokens = await (await exchange(callback.searchParams.get('code'), verifier)).json();
  const claims = decodeJwt(tokens.access_token);
  assert.deepEqual(claims.roles, ['reader']);
  assert.equal(claims.network, undefined);
});

test('accounts are checked when loaded: a coordinator without a network is refused', () => {
  assert.throws(() => parseAccounts([{ sub: 'x', name: 'X', roles: ['coordinator'] }]), /accounts\[0\]\.network: a coordinator needs a network/);
  assert.throws(() => parseAccounts([{ sub: 'x y', name: 'X', roles: ['reader'] }]), /accounts\[0\]\.sub/);
  assert.throws(() => parseAccounts([{ sub: 'x', name: 'X', roles: ['king'] }]), /accounts\[0\]\.roles/);
});
