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
import { AuthenticationError, issueDevToken, TokenVerifier, type AuthConfig } from './token-verifier';

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

  it('refuses a token from an issuer it does not trust, naming it', async () => {
    await expect(s.sut.verify(await s.oidcToken(coordinator, undefined, 'https://idp.elsewhere.example'))).rejects.toThrow('token issuer "https://idp.elsewhere.example" is not trusted');
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
    await expect(fresh.verify(await s.oidcToken(coordinator))).rejects.toThrow(/answered 503/);
    s.failDiscovery(200);
    expect(await fresh.verify(await s.oidcToken(coordinator))).toEqual(coordinator);
  });

  it('refuses a configuration where the development issuer takes the provider\'s name', () => {
    expect(() => new TokenVerifier({ audience: AUDIENCE, oidc: { issuer: 'x' }, dev: { issuer: 'x', secret: dev.devSecret } })).toThrow(/must not have the OIDC provider's issuer name/);
  });
});
