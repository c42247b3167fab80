import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseLogin, signDevToken } from './dev-token.mjs';
import { resolveUpstream, upstreamsFrom } from './upstreams.mjs';

const config = { issuer: 'tjc-dev-issuer', audience: 'tjc-platform', secret: 'x'.repeat(40) };
const decode = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('signDevToken', () => {
  it('signs HS256 with the claims of packages/auth issueDevToken', () => {
    const sut = signDevToken(config, { sub: 'zhang.wei', name: '张伟', roles: ['coordinator'], network: 'research' }, 3600, 1_800_000_000);
    const [h, p, s] = sut.token.split('.');
    expect(decode(h)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decode(p)).toEqual({ sub: 'zhang.wei', name: '张伟', roles: ['coordinator'], network: 'research', iss: 'tjc-dev-issuer', aud: 'tjc-platform', iat: 1_800_000_000, exp: 1_800_003_600 });
    expect(s).toBe(createHmac('sha256', config.secret).update(`${h}.${p}`).digest('base64url'));
  });
  it('omits the network claim for roles without one', () => {
    const p = decode(signDevToken(config, { sub: 'ops1', name: '运维', roles: ['ops'] }).token.split('.')[1]);
    expect(p).not.toHaveProperty('network');
  });
});

describe('parseLogin', () => {
  it('refuses a coordinator without a network, as the API does', () => {
    expect(parseLogin({ sub: 'a', name: 'A', role: 'coordinator' })).toEqual({ ok: false, errors: [expect.objectContaining({ path: 'network' })] });
  });
  it('refuses unknown roles and empty names', () => {
    const r = parseLogin({ sub: 'a', name: ' ', role: 'root' });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.path)).toEqual(['name', 'role']);
  });
  it('drops a network sent with a non-coordinator role', () => {
    expect(parseLogin({ sub: 'r', name: 'R', role: 'reader', network: 'fund' })).toEqual({ ok: true, principal: { sub: 'r', name: 'R', roles: ['reader'] } });
  });
});

describe('resolveUpstream', () => {
  const up = upstreamsFrom({ CONSOLE_UPSTREAM_KPI: 'http://kpi.internal:9000' });
  it('maps /api/<service>/<path>?query onto the service', () => {
    expect(resolveUpstream('/api/research/projects?state=submitted', up)).toEqual({ target: 'http://127.0.0.1:3101/projects?state=submitted' });
    expect(resolveUpstream('/api/kpi/kpi/2026', up)).toEqual({ target: 'http://kpi.internal:9000/kpi/2026' });
    expect(resolveUpstream('/api/gateway', up)).toEqual({ target: 'http://127.0.0.1:3106/' });
    expect(resolveUpstream('/api/research/members/%E5%8D%97%E5%BC%80', up)).toEqual({ target: 'http://127.0.0.1:3101/members/%E5%8D%97%E5%BC%80' });
  });
  // #18.9: the names of Object.prototype were services (a 500), and dot segments passed when encoded or with backslashes.
  it.each(['/api/nope/x', '/api/constructor/x', '/api/__proto__/x', '/api/hasOwnProperty', '/api/toString/y', '/api/valueOf'])('knows no service at %s', (url) => {
    expect(resolveUpstream(url, up)).toEqual({ error: 'unknown' });
  });
  it.each([
    '/api/kpi/../etc',
    '/api/kpi/./x',
    '/api/kpi/%2e%2e/admin',
    '/api/kpi/%2E%2e/admin',
    '/api/kpi/.%2e/admin',
    '/api/kpi/%2e/admin',
    '/api/kpi/..%5cadmin',
    '/api/kpi/..\\admin',
    '/api/kpi/a%2f..%2fadmin',
    '/api/kpi/x%00y',
    '/api/kpi/%E0%A4%A',
    '/api/kpi/%',
  ])('refuses %s as a bad path', (url) => {
    expect(resolveUpstream(url, up)).toEqual({ error: 'bad-path' });
  });
  it('refuses an upstream that is not an http(s) origin', () => {
    expect(() => upstreamsFrom({ CONSOLE_UPSTREAM_FUND: 'http://fund.internal:3104/prefix' })).toThrow(/CONSOLE_UPSTREAM_FUND/);
    expect(() => upstreamsFrom({ CONSOLE_UPSTREAM_FUND: 'file:///etc' })).toThrow(/CONSOLE_UPSTREAM_FUND/);
  });
});
