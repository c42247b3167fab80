/**
 * Token verification benchmark (reports; never fails on a number): issue #16.5.
 *
 *   pnpm --filter @tjc/auth bench [tokens=20000] [rounds=5]
 *
 * In one run, rounds interleaved so machine load hits every variant alike,
 * each variant verifies the same `tokens` requests; a request carries one of
 * 20 distinct tokens (20 people signed in, each sending their token with
 * every call, as the console does). Printed: ops/s per round and the median.
 *
 *   before      the verifier as it was: decodeJwt + jose jwtVerify with the
 *               HS256 secret as a Uint8Array (jose imports the key on every
 *               call) or the provider's remote JWKS, then the claims' schema;
 *               every request verified
 *   uncached    this verifier with AUTH_TOKEN_CACHE_SIZE=0: key imported once,
 *               every request verified
 *   cached      this verifier as services run it: each token verified once,
 *               then served from the cache until it expires
 *
 * HS256 = the development issuer; RS256 = an OIDC provider whose JWKS is
 * served over real HTTP on loopback (jose fetches it once and keeps it).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { createRemoteJWKSet, decodeJwt, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { PrincipalSchema, type Principal } from '../src/principal';
import { TokenVerifier, type AuthConfig } from '../src/token-verifier';

const REQUESTS = Number(process.argv[2] ?? 20_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const DISTINCT = 20;
const AUDIENCE = 'tjc-platform';
const DEV = { issuer: 'tjc-dev-issuer', secret: 'b'.repeat(48) };

/** The verification path before #16.5 (packages/auth/src/token-verifier.ts at main), for comparison. */
function legacyVerifier(config: AuthConfig): (token: string) => Promise<Principal> {
  const secret = new TextEncoder().encode(config.dev?.secret ?? '');
  const jwks: JWTVerifyGetKey | undefined = config.oidc?.jwksUrl ? createRemoteJWKSet(new URL(config.oidc.jwksUrl)) : undefined;
  return async (token) => {
    const issuer = decodeJwt(token).iss as string;
    const options = { issuer, audience: config.audience, clockTolerance: 30 };
    const { payload } =
      issuer === config.oidc?.issuer ? await jwtVerify(token, jwks!, { ...options, algorithms: ['RS256'] }) : await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] });
    const principal = PrincipalSchema.safeParse({ sub: payload.sub, name: payload['name'], roles: payload['roles'], network: payload['network'] });
    if (!principal.success) throw new Error('claims');
    return principal.data;
  };
}

async function opsPerSecond(verify: (token: string) => Promise<Principal>, tokens: readonly string[]): Promise<number> {
  // Sequential, as one event loop serves requests one verification at a time.
  const start = process.hrtime.bigint();
  for (let i = 0; i < REQUESTS; i++) await verify(tokens[i % tokens.length]!);
  return REQUESTS / (Number(process.hrtime.bigint() - start) / 1e9);
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main(): Promise<void> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config: AuthConfig = { audience: AUDIENCE, oidc: { issuer, jwksUrl: `${issuer}/jwks` }, dev: { ...DEV } };

  const claims = (i: number) => ({ name: `用户${i}`, roles: ['coordinator'], network: 'research' });
  const hs256 = await Promise.all(
    Array.from({ length: DISTINCT }, (_, i) => new SignJWT(claims(i)).setProtectedHeader({ alg: 'HS256' }).setIssuer(DEV.issuer).setAudience(AUDIENCE).setSubject(`u${i}`).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(DEV.secret))),
  );
  const rs256 = await Promise.all(
    Array.from({ length: DISTINCT }, (_, i) => new SignJWT(claims(i)).setProtectedHeader({ alg: 'RS256', kid: 'bench' }).setIssuer(issuer).setAudience(AUDIENCE).setSubject(`u${i}`).setIssuedAt().setExpirationTime('1h').sign(privateKey)),
  );

  const variants: Record<string, () => (token: string) => Promise<Principal>> = {
    before: () => legacyVerifier(config),
    uncached: () => {
      const v = new TokenVerifier({ ...config, cacheSize: 0 });
      return (t) => v.verify(t);
    },
    cached: () => {
      const v = new TokenVerifier(config);
      return (t) => v.verify(t);
    },
  };
  const results: Record<string, Record<string, number[]>> = { HS256: {}, RS256: {} };
  for (const [alg, tokens] of [['HS256', hs256], ['RS256', rs256]] as const) {
    // Warm-up: JIT, and jose's JWKS fetch, outside the timed rounds.
    for (const make of Object.values(variants)) await opsPerSecond(make(), tokens);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, make] of Object.entries(variants)) (results[alg]![name] ??= []).push(await opsPerSecond(make(), tokens));
    }
  }
  server.close();

  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  process.stdout.write(`token verification, ${REQUESTS} requests over ${DISTINCT} tokens, ${ROUNDS} rounds; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}\n`);
  process.stdout.write(`${'alg'.padEnd(6)} ${'variant'.padEnd(9)} ${'median ops/s'.padStart(13)}  ${'× before'.padStart(8)}  rounds\n`);
  const summary: Record<string, Record<string, { medianOpsPerSecond: number; rounds: number[] }>> = {};
  for (const [alg, byVariant] of Object.entries(results)) {
    const base = median(byVariant['before']!);
    for (const [name, rounds] of Object.entries(byVariant)) {
      (summary[alg] ??= {})[name] = { medianOpsPerSecond: Math.round(median(rounds)), rounds: rounds.map(Math.round) };
      process.stdout.write(`${alg.padEnd(6)} ${name.padEnd(9)} ${fmt(median(rounds)).padStart(13)}  ${(median(rounds) / base).toFixed(1).padStart(8)}  ${rounds.map(fmt).join(' ')}\n`);
    }
  }
  process.stdout.write(`${JSON.stringify({ requests: REQUESTS, distinctTokens: DISTINCT, rounds: ROUNDS, results: summary })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
