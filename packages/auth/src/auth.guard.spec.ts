/**
 * The shared guard in a real Nest app (Fastify, in-process requests).
 * Real: jose signing/verification, Nest guard pipeline. Faked: nothing (tokens are really signed).
 */
import { Controller, Get, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SignJWT } from 'jose';
import { AuthModule } from './auth.module';
import { CurrentPrincipal, Public, Roles } from './auth.guard';
import { devOnlyAuthConfig, issueDevToken } from './token-verifier';
import type { Principal } from './principal';

const config = { issuer: 'tjc-dev-issuer', audience: 'tjc-platform', devSecret: 'x'.repeat(40) };

@Controller('projects')
class ProjectsController {
  @Get() list() { return []; }
  @Post() create(@CurrentPrincipal() who: Principal) { return { by: who.sub }; }
}
@Controller()
class OpsController {
  @Public() @Get('health') health() { return { ok: true }; }
  @Roles('ops', 'center-admin') @Post('dead-letters/replay') replay() { return { replayed: true }; }
}

async function setup() {
  const moduleRef = await Test.createTestingModule({ imports: [AuthModule.forRoot(devOnlyAuthConfig(config), { network: 'research' })], controllers: [ProjectsController, OpsController] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const call = async (method: 'GET' | 'POST', url: string, token?: string) =>
    (await app.getHttpAdapter().getInstance().inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {} })).statusCode;
  const token = (p: Principal) => issueDevToken(config, p);
  return { app, call, token };
}

describe('AuthGuard', () => {
  let sut: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => (sut = await setup()));
  afterAll(() => sut.app.close());

  it('lets anyone reach @Public routes', async () => expect(await sut.call('GET', '/health')).toBe(200));
  it('refuses a request without a token (401)', async () => expect(await sut.call('GET', '/projects')).toBe(401));
  it('refuses a token signed with another secret (401)', async () => {
    const forged = await issueDevToken({ ...config, devSecret: 'y'.repeat(40) }, { sub: 'mallory', name: 'm', roles: ['center-admin'] });
    expect(await sut.call('GET', '/projects', forged)).toBe(401);
  });
  it('refuses an unsigned alg=none token (401)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'm', roles: ['center-admin'], iss: config.issuer, aud: config.audience, exp: 4102444800 })).toString('base64url');
    expect(await sut.call('GET', '/projects', `${header}.${body}.`)).toBe(401);
  });
  it('refuses an expired token (401)', async () => {
    const expired = await new SignJWT({ roles: ['reader'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('r').setIssuer(config.issuer).setAudience(config.audience).setIssuedAt(1_600_000_000).setExpirationTime(1_600_000_100).sign(new TextEncoder().encode(config.devSecret));
    expect(await sut.call('GET', '/projects', expired)).toBe(401);
  });
  // #18.5 / #18.1: the 401's message is what the audit log records as the denial's reason.
  it('answers 401 for a token from a foreign issuer without repeating its claims', async () => {
    const hostile = `https://x.example/${'A'.repeat(600)}😀`;
    const token = await new SignJWT({ roles: ['center-admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject(hostile).setIssuer(hostile).setAudience(config.audience).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(config.devSecret));
    const res = await sut.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/projects', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ message: "invalid token: the token's issuer is not trusted" });
  });
  it('refuses a coordinator token without a network claim (401)', async () => {
    const bad = await new SignJWT({ roles: ['coordinator'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('c').setIssuer(config.issuer).setAudience(config.audience).setExpirationTime('1h').sign(new TextEncoder().encode(config.devSecret));
    expect(await sut.call('GET', '/projects', bad)).toBe(401);
  });

  it.each([
    ['research coordinator', { sub: 'a', name: 'a', roles: ['coordinator'], network: 'research' }, 200, 201],
    ['industry coordinator', { sub: 'b', name: 'b', roles: ['coordinator'], network: 'industry' }, 200, 403],
    ['reader', { sub: 'c', name: 'c', roles: ['reader'] }, 200, 403],
    ['ops', { sub: 'd', name: 'd', roles: ['ops'] }, 200, 403],
    ['center admin', { sub: 'e', name: 'e', roles: ['center-admin'] }, 200, 201],
  ] as const)('%s: reads and writes on the research service as expected', async (_who, principal, read, write) => {
    const t = await sut.token(principal as unknown as Principal);
    expect(await sut.call('GET', '/projects', t)).toBe(read);
    expect(await sut.call('POST', '/projects', t)).toBe(write);
  });

  it('restricts @Roles routes to those roles', async () => {
    expect(await sut.call('POST', '/dead-letters/replay', await sut.token({ sub: 'o', name: 'o', roles: ['ops'] }))).toBe(201);
    expect(await sut.call('POST', '/dead-letters/replay', await sut.token({ sub: 'a', name: 'a', roles: ['coordinator'], network: 'research' }))).toBe(403);
  });
});
