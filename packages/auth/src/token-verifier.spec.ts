/**
 * TokenVerifier with two trusted issuers at once: an OIDC provider (RS256,
 * keys from its JWKS over real HTTP, found through discovery or given) and
 * the development issuer (HS256). Each token is verified with its own
 * issuer's keys only.
 * Real: jose signing/verification, a node:http server serving discovery and
 * JWKS. Faked: nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { AuthenticationError, devOnlyAuthConfig, issueDevToken, TokenVerifier, type AuthConfig } from './token-verifier';

const AUDIENCE = 'tjc-platform';
const dev = { issuer: 'tjc-dev-issuer', audience: AUDIENCE, devSecret: 's'.repeat(40) };
const coordinator = { sub: 'zhang.wei', name: '张伟', roles: ['coordinator'], network: 'research' };

async function setup() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  let discoveryHits = 0;
  let discoveryStatus = 200;
  const server: Server = createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      discoveryHits += 1;
      res.writeHead(discoveryStatus, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      return;
    }
    if (req.url === '/jwks') {
      void exportJWK(publicKey).then((jwk) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ ...jwk, kid: 'k1', alg: 'RS256', use: 'sig' }] })));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config: AuthConfig = { audience: AUDIENCE, oidc: { issuer }, dev: { issuer: dev.issuer, secret: dev.devSecret } };
  const oidcToken = (claims: Record<string, unknown>, key: CryptoKey = privateKey, iss = issuer) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'at+jwt' }).setIssuer(iss).setAudience(AUDIENCE).setSubject(String(claims['sub'] ?? 'x')).setIssuedAt().setExpirationTime('5m').sign(key);
  return {
    sut: new TokenVerifier(config),
    issuer,
    oidcToken,
    otherKey: other.privateKey,
    discoveryHits: () => discoveryHits,
    failDiscovery: (status: number) => (discoveryStatus = status),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('TokenVerifier (OIDC provider + development issuer)', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => (s = await setup()));
  afterAll(() => s.close());

  it('accepts the provider\'s RS256 access token, keys found through discovery', async () => {
    const principal = await s.sut.verify(await s.oidcToken(coordinator));
    expect(principal).toEqual(coordinator);
    expect(s.discoveryHits()).toBe(1);
  });

  it('accepts the development issuer\'s HS256 token alongside', async () => {
    expect(await s.sut.verify(await issueDevToken(dev, { sub: 'chen.jing', name: '陈静', roles: ['center-admin'] }))).toMatchObject({ sub: 'chen.jing', roles: ['center-admin'] });
  });

  it('refuses an HS256 token that names the provider as issuer (the dev secret cannot sign for it)', async () => {
    const forged = await issueDevToken({ ...dev, issuer: s.issuer }, { sub: 'm', name: 'm', roles: ['center-admin'] });
    await expect(s.sut.verify(forged)).rejects.toThrow(AuthenticationError);
  });

  it('refuses an RS256 token that names the development issuer', async () => {
    await expect(s.sut.verify(await s.oidcToken(coordinator, undefined, dev.issuer))).rejects.toThrow(AuthenticationError);
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    await expect(s.sut.verify(await s.oidcToken(coordinator, s.otherKey))).rejects.toThrow(AuthenticationError);
  });

  it('refuses a token from an issuer it does not trust, without repeating the issuer', async () => {
    await expect(s.sut.verify(await s.oidcToken(coordinator, undefined, 'https://idp.elsewhere.example'))).rejects.toThrow("the token's issuer is not trusted");
  });

  it('refuses a provider token without the platform claims', async () => {
    await expect(s.sut.verify(await s.oidcToken({ sub: 'x' }))).rejects.toThrow(/token claims: roles/);
  });

  it('refuses what is not a JWT', async () => {
    await expect(s.sut.verify('not-a-token')).rejects.toThrow('the bearer token is not a JWT');
  });

  it('retries discovery after a failure instead of remembering it', async () => {
    const fresh = new TokenVerifier({ audience: AUDIENCE, oidc: { issuer: s.issuer } });
    s.failDiscovery(503);
    await expect(fresh.verify(await s.oidcToken(coordinator))).rejects.toThrow('OIDC discovery answered 503');
    s.failDiscovery(200);
    expect(await fresh.verify(await s.oidcToken(coordinator))).toEqual(coordinator);
  });

  it('refuses a configuration where the development issuer takes the provider\'s name', () => {
    expect(() => new TokenVerifier({ audience: AUDIENCE, oidc: { issuer: 'x' }, dev: { issuer: 'x', secret: dev.devSecret } })).toThrow(/must not have the OIDC provider's issuer name/);
  });
});

/**
 * The token rules of #18.5 and the cache of #16.5, on the development issuer
 * (HS256, really signed). The clock is injected: tests move it, never wait.
 * Real: jose signing and verification. Faked: the clock.
 */
describe('TokenVerifier token rules and cache', () => {
  const T0 = 1_800_000_000;
  const key = new TextEncoder().encode(dev.devSecret);
  const claims = { name: '张伟', roles: ['coordinator'], network: 'research' };
  const sign = (build: (j: SignJWT) => SignJWT) => build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(dev.issuer).setAudience(AUDIENCE)).sign(key);
  const valid = (iat = T0, exp = T0 + 3600) => sign((j) => j.setSubject('zhang.wei').setIssuedAt(iat).setExpirationTime(exp));
  function setup(config: Partial<AuthConfig> = {}) {
    let nowMs = T0 * 1000;
    const sut = new TokenVerifier({ audience: AUDIENCE, dev: { issuer: dev.issuer, secret: dev.devSecret }, maxTokenAgeSeconds: 8 * 3600, clockToleranceSeconds: 30, ...config }, { now: () => nowMs });
    return { sut, at: (seconds: number) => (nowMs = seconds * 1000) };
  }

  // Each of these verified before #18.5.
  it('refuses a token without exp', async () => {
    await expect(setup().sut.verify(await sign((j) => j.setSubject('zhang.wei').setIssuedAt(T0)))).rejects.toThrow('the token has no "exp" claim');
  });
  it('refuses a token without iat', async () => {
    await expect(setup().sut.verify(await sign((j) => j.setSubject('zhang.wei').setExpirationTime(T0 + 600)))).rejects.toThrow('the token has no "iat" claim');
  });
  it('refuses a token without sub', async () => {
    await expect(setup().sut.verify(await sign((j) => j.setIssuedAt(T0).setExpirationTime(T0 + 600)))).rejects.toThrow('the token has no "sub" claim');
  });
  it('refuses a token issued a year in the future, and accepts one within the clock tolerance', async () => {
    const { sut } = setup();
    await expect(sut.verify(await valid(T0 + 365 * 86400, T0 + 366 * 86400))).rejects.toThrow('the token is issued in the future');
    await expect(sut.verify(await valid(T0 + 31, T0 + 3600))).rejects.toThrow('the token is issued in the future');
    await expect(sut.verify(await valid(T0 + 30, T0 + 3600))).resolves.toMatchObject({ sub: 'zhang.wei' });
  });
  it('refuses a token older than the maximum age even when its exp is far away', async () => {
    const { sut } = setup({ maxTokenAgeSeconds: 3600 });
    await expect(sut.verify(await valid(T0 - 3600 - 31, T0 + 10 * 365 * 86400))).rejects.toThrow('the token is older than the maximum token age');
    await expect(sut.verify(await valid(T0 - 3600, T0 + 10 * 365 * 86400))).resolves.toMatchObject({ sub: 'zhang.wei' });
  });

  it('never repeats a claim of the token in its message, and keeps it short', async () => {
    const { sut } = setup();
    const hostile = `https://x.example/${'A'.repeat(600)}😀😀`;
    const messages: string[] = [];
    for (const token of [
      await sign((j) => j.setSubject('zhang.wei').setIssuedAt(T0).setExpirationTime(T0 + 60).setIssuer(hostile)),
      await sign((j) => j.setSubject('zhang.wei').setIssuedAt(T0).setExpirationTime(T0 + 60).setAudience(hostile)),
      await new SignJWT({ name: hostile, roles: [hostile], network: hostile }).setProtectedHeader({ alg: 'HS256' }).setIssuer(dev.issuer).setAudience(AUDIENCE).setSubject(hostile).setIssuedAt(T0).setExpirationTime(T0 + 60).sign(key),
      `${Buffer.from(JSON.stringify({ alg: hostile })).toString('base64url')}.${Buffer.from(JSON.stringify({ iss: dev.issuer, sub: hostile })).toString('base64url')}.x`,
    ]) {
      messages.push(await sut.verify(token).then(() => 'accepted', (e: Error) => e.message));
    }
    expect(messages).toEqual([
      "the token's issuer is not trusted",
      'unexpected "aud" claim',
      expect.stringMatching(/^token claims: /),
      expect.any(String),
    ]);
    for (const m of messages) {
      expect(m).not.toContain('AAAA');
      expect(m).not.toContain('😀');
      expect(m.length).toBeLessThanOrEqual(120);
    }
  });

  it('verifies a token once, then answers from the cache until its exp passes', async () => {
    const { sut, at } = setup();
    const token = await valid(T0, T0 + 600);
    const first = await sut.verify(token);
    expect(await sut.verify(token)).toBe(first);
    expect(await sut.verify(token)).toBe(first);
    expect(sut.cacheStats()).toEqual({ hits: 2, misses: 1, size: 1 });
    at(T0 + 600 + 29);
    expect(await sut.verify(token)).toBe(first);
    at(T0 + 600 + 30);
    await expect(sut.verify(token)).rejects.toThrow('the token has expired');
    expect(sut.cacheStats()).toMatchObject({ hits: 3, misses: 2, size: 0 });
  });
  it('drops a cached token once it reaches the maximum age', async () => {
    const { sut, at } = setup({ maxTokenAgeSeconds: 600 });
    const token = await valid(T0, T0 + 86_400);
    await sut.verify(token);
    at(T0 + 600 + 30);
    await expect(sut.verify(token)).resolves.toMatchObject({ sub: 'zhang.wei' });
    at(T0 + 600 + 31);
    await expect(sut.verify(token)).rejects.toThrow('the token is older than the maximum token age');
  });
  it('keeps at most cacheSize tokens, the least recently used leaving first', async () => {
    const { sut } = setup({ cacheSize: 2 });
    const [a, b, c] = [await valid(T0), await valid(T0 - 1), await valid(T0 - 2)];
    await sut.verify(a!);
    await sut.verify(b!);
    await sut.verify(a!); // a is now the most recently used
    await sut.verify(c!); // b leaves
    expect(sut.cacheStats()).toEqual({ hits: 1, misses: 3, size: 2 });
    await sut.verify(a!);
    await sut.verify(b!);
    expect(sut.cacheStats()).toEqual({ hits: 2, misses: 4, size: 2 });
  });
  it('never caches a refused token, and verifies every request with cacheSize 0', async () => {
    const { sut } = setup({ cacheSize: 0 });
    const token = await valid();
    await sut.verify(token);
    await sut.verify(token);
    expect(sut.cacheStats()).toEqual({ hits: 0, misses: 2, size: 0 });
    const cached = setup().sut;
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(dev.issuer).setAudience(AUDIENCE).setSubject('m').setIssuedAt(T0).setExpirationTime(T0 + 60).sign(new TextEncoder().encode('f'.repeat(40)));
    await expect(cached.verify(forged)).rejects.toThrow('signature verification failed');
    await expect(cached.verify(forged)).rejects.toThrow('signature verification failed');
    expect(cached.cacheStats()).toEqual({ hits: 0, misses: 2, size: 0 });
  });
  it('hands out principals nobody can change (they are shared between requests)', async () => {
    const principal = await setup().sut.verify(await valid());
    expect(Object.isFrozen(principal) && Object.isFrozen(principal.roles)).toBe(true);
  });

  // #18.4: a production process never trusts the development issuer, however its config was built.
  it('refuses to be built with the development issuer in production', () => {
    expect(() => new TokenVerifier({ audience: AUDIENCE, dev: { issuer: dev.issuer, secret: dev.devSecret }, environment: 'production' })).toThrow(/not trusted with NODE_ENV=production/);
    expect(() => new TokenVerifier({ audience: AUDIENCE, oidc: { issuer: 'https://idp.example' }, environment: 'production' })).not.toThrow();
  });
  it('reads NODE_ENV from the process when the config does not say', () => {
    const saved = process.env['NODE_ENV'];
    process.env['NODE_ENV'] = 'production';
    try {
      expect(() => new TokenVerifier(devOnlyAuthConfig(dev))).toThrow(/not trusted with NODE_ENV=production/);
    } finally {
      if (saved === undefined) delete process.env['NODE_ENV'];
      else process.env['NODE_ENV'] = saved;
    }
  });
});
