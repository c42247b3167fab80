/**
 * The console server over real HTTP on an ephemeral port, with a built app
 * of its own (a temporary dist/) and an upstream service that echoes what it
 * was asked (node:http). Issue #18.9 (500s on odd paths, the proxy's dot
 * segments, the security headers) and #18.4 (dev login in production).
 * Real: node:http on both sides, the file system. Faked: the built app (two files) and the service.
 */
import { createServer, request } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleHandler } from './app.mjs';
import { consoleConfigFrom } from './config.mjs';

const listen = (handler) =>
  new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` }));
  });

/** A raw request: fetch would normalise `..`, `%2e%2e` and backslashes away before sending. */
const raw = (base, path, method = 'GET') =>
  new Promise((resolve, reject) => {
    const u = new URL(base);
    const r = request({ host: u.hostname, port: u.port, path, method }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    r.on('error', reject);
    r.end();
  });

describe('the console server', () => {
  let dist;
  let upstream;
  let sut;
  const logged = [];

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    upstream = await listen((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: req.url })));
    const env = { CONSOLE_UPSTREAM_KPI: upstream.url, AUTH_OIDC_ISSUER: 'http://127.0.0.1:3107', AUTH_DEV_SECRET: 's'.repeat(40), NODE_ENV: 'development' };
    sut = await listen(createConsoleHandler(consoleConfigFrom(env, dist), { log: (line) => logged.push(line) }));
  });
  afterAll(() => {
    sut.server.close();
    upstream.server.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it.each(['/api/constructor/x', '/api/__proto__/x', '/api/toString'])('answers 404, not 500, for %s', async (path) => {
    expect((await raw(sut.url, path)).status).toBe(404);
  });
  it.each(['/%E0%A4%A', '/%', '/assets/%E0%A4%A.js', '/api/kpi/%E0%A4%A'])('answers 400, not 500, for the malformed escape %s', async (path) => {
    const res = await raw(sut.url, path);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ statusCode: 400, message: 'bad path' });
  });
  it.each(['/api/kpi/%2e%2e/admin', '/api/kpi/.%2E/admin', '/api/kpi/..%5cadmin', '/api/kpi/..\\admin', '/api/kpi/a%2F..%2Fadmin', '/api/kpi/../admin'])('never forwards %s', async (path) => {
    expect((await raw(sut.url, path)).status).toBe(400);
  });
  it('forwards a plain path as it came, query included', async () => {
    const res = await raw(sut.url, '/api/kpi/kpi/2026/%E6%88%90%E6%9E%9C?asOf=2026-06-30');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ url: '/kpi/2026/%E6%88%90%E6%9E%9C?asOf=2026-06-30' });
    // Proxied answers may not be framed either.
    expect(res.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });
  it('serves a file whose extension names an Object.prototype key as plain bytes, not a 500', async () => {
    writeFileSync(join(dist, 'assets', 'x.constructor'), 'x');
    const res = await raw(sut.url, '/assets/x.constructor');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
  });

  it('sends the page a CSP that allows scripts from itself only, no framing, and connections to itself, the OIDC provider and the trace UI', async () => {
    for (const path of ['/', '/research/projects/p-1', '/assets/app.js']) {
      const res = await raw(sut.url, path);
      expect(res.status).toBe(200);
      const csp = Object.fromEntries(res.headers['content-security-policy'].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
      expect(csp).toEqual({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self' 'unsafe-inline'",
        'img-src': "'self' data:",
        'font-src': "'self' data:",
        'connect-src': "'self' http://127.0.0.1:3107 http://127.0.0.1:9411",
        'object-src': "'none'",
        'base-uri': "'none'",
        'form-action': "'self'",
        'frame-ancestors': "'none'",
      });
      expect(res.headers).toMatchObject({ 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'cross-origin-opener-policy': 'same-origin' });
      expect(res.headers['permissions-policy']).toContain('camera=()');
    }
    for (const path of ['/config.json', '/healthz', '/api/nope']) {
      const res = await raw(sut.url, path);
      expect(res.headers['content-security-policy']).toBe("frame-ancestors 'none'");
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('answers an unexpected failure with 500 and no detail, and logs it', async () => {
    // An upstream that cannot be a URL (config.mjs refuses it at boot; built by hand here) makes the proxy throw.
    const lines = [];
    const s = await listen(createConsoleHandler({ ...consoleConfigFrom({}, dist), upstreams: new Map([['kpi', 'not a url']]) }, { log: (l) => lines.push(l) }));
    try {
      const res = await raw(s.url, '/api/kpi/x');
      expect(res.status).toBe(500);
      expect(JSON.parse(res.body)).toEqual({ statusCode: 500, message: 'internal error' });
      expect(lines).toEqual([expect.stringMatching(/^console: GET \/api\/kpi\/x failed: TypeError/)]);
    } finally {
      s.server.close();
    }
  });

  it('answers 503 when the build holds a directory where index.html should be, without crashing', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'console-broken-'));
    mkdirSync(join(broken, 'index.html'));
    const s = await listen(createConsoleHandler(consoleConfigFrom({}, broken), { log: () => undefined }));
    try {
      expect((await raw(s.url, '/')).status).toBe(503);
      expect((await raw(s.url, '/healthz')).status).toBe(200);
    } finally {
      s.server.close();
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('mints development tokens outside production only', async () => {
    const res = await fetch(`${sut.url}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'zhang.wei', name: '张伟', role: 'coordinator', network: 'research' }) });
    expect(res.status).toBe(200);
    expect((await res.json()).token.split('.')).toHaveLength(3);
  });
});

describe('consoleConfigFrom', () => {
  // #18.4: before, production with AUTH_DEV_SECRET silently turned the dev login off; the services would still have trusted the secret.
  it('refuses the development secret with NODE_ENV=production', () => {
    expect(() => consoleConfigFrom({ NODE_ENV: 'production', AUTH_DEV_SECRET: 's'.repeat(40), AUTH_OIDC_ISSUER: 'https://idp.example' })).toThrow(/AUTH_DEV_SECRET: the development login is not allowed with NODE_ENV=production/);
    expect(consoleConfigFrom({ NODE_ENV: 'production', AUTH_OIDC_ISSUER: 'https://idp.example', TRACE_UI: 'jaeger' })).toMatchObject({ devLogin: false, connectOrigins: ['https://idp.example'] });
  });
  it('binds to loopback by default and names every broken variable', () => {
    expect(consoleConfigFrom({}).host).toBe('127.0.0.1');
    expect(() => consoleConfigFrom({ CONSOLE_PORT: 'x', AUTH_DEV_SECRET: 'short', CONSOLE_CONNECT_ORIGINS: 'https://idp.example/token' })).toThrow(/AUTH_DEV_SECRET: at least 32 characters; CONSOLE_PORT: .*; CONSOLE_CONNECT_ORIGINS: /);
  });
  // #19.9: the 追踪 links open the local stack's Zipkin by default; compose's Jaeger when configured.
  it('points the trace links at Zipkin by default, at Jaeger when asked (JAEGER_UI_URL alone included), and refuses an unknown UI', () => {
    expect(consoleConfigFrom({}).publicConfig.traceUi).toEqual({ kind: 'zipkin', url: 'http://127.0.0.1:9411' });
    expect(consoleConfigFrom({ TRACE_UI_URL: 'http://127.0.0.1:10411' }).publicConfig.traceUi).toEqual({ kind: 'zipkin', url: 'http://127.0.0.1:10411' });
    expect(consoleConfigFrom({ JAEGER_UI_URL: 'http://jaeger:16686' }).publicConfig.traceUi).toEqual({ kind: 'jaeger', url: 'http://jaeger:16686' });
    expect(consoleConfigFrom({ TRACE_UI: 'jaeger' }).publicConfig.traceUi).toEqual({ kind: 'jaeger', url: 'http://127.0.0.1:16686' });
    // The page may ask Zipkin's query API (and only Zipkin's) for the trace of an event.
    expect(consoleConfigFrom({ TRACE_UI_URL: 'http://127.0.0.1:10411/' }).connectOrigins).toEqual(['http://127.0.0.1:10411']);
    expect(consoleConfigFrom({ TRACE_UI: 'jaeger' }).connectOrigins).toEqual([]);
    expect(() => consoleConfigFrom({ TRACE_UI: 'tempo', TRACE_UI_URL: 'ftp://x' })).toThrow(/TRACE_UI: "zipkin" or "jaeger", not "tempo"; TRACE_UI_URL: an http\(s\) URL/);
  });
});
