// @ts-check
/**
 * The console's server (node:http, no dependencies): serves the built app
 * from dist/, proxies /api/<service>/* to the services so the browser has one
 * origin, and — in development only — mints login tokens at POST /auth/dev-token.
 *
 *   browser ──► :3100 ─┬─ /api/research/*  ──► :3101   (Authorization passed through)
 *                      ├─ /api/… (industry 3102, service 3103, fund 3104, kpi 3105, gateway 3106)
 *                      ├─ POST /auth/dev-token  (AUTH_DEV_SECRET set, NODE_ENV ≠ production)
 *                      ├─ GET /config.json      (Jaeger UI URL, the OIDC provider, whether dev login is on)
 *                      └─ everything else: dist/ files, index.html for client routes
 *
 * Sign-in with the OIDC provider happens in the browser (src/auth/oidc.ts):
 * this server only tells the app where the provider is. In production it
 * then only serves files and proxies (or a gateway/ingress does both).
 */
import { createServer, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLogin, signDevToken } from './dev-token.mjs';
import { resolveUpstream, upstreamsFrom } from './upstreams.mjs';

const env = process.env;
const HOST = env['CONSOLE_HOST'] ?? '127.0.0.1';
const PORT = Number(env['CONSOLE_PORT'] ?? env['PORT'] ?? 3100);
const DIST = resolve(fileURLToPath(new URL('../dist', import.meta.url)));
const UPSTREAMS = upstreamsFrom(env);
const production = env['NODE_ENV'] === 'production';
const devSecret = env['AUTH_DEV_SECRET'];
const devLogin = !production && devSecret !== undefined && devSecret.length >= 32;
const authConfig = { issuer: env['AUTH_DEV_ISSUER'] ?? 'tjc-dev-issuer', audience: env['AUTH_AUDIENCE'] ?? 'tjc-platform', secret: devSecret ?? '' };
// The OpenID Provider the browser signs in with (authorization code + PKCE,
// public client: there is no client secret to keep). Null: no OIDC sign-in.
const oidcIssuer = env['AUTH_OIDC_ISSUER'];
const publicConfig = {
  jaegerUrl: env['JAEGER_UI_URL'] ?? 'http://127.0.0.1:16686',
  devLogin,
  oidc: oidcIssuer ? { issuer: oidcIssuer, clientId: env['AUTH_OIDC_CLIENT_ID'] ?? 'tjc-console', scope: env['AUTH_OIDC_SCOPE'] ?? 'openid profile platform' } : null,
};

const MIME = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
});

// Hop-by-hop headers (RFC 9110 §7.6.1) are never forwarded.
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host']);

/** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body */
function json(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** @param {import('node:http').IncomingMessage} req @returns {Promise<unknown>} */
async function readJson(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 16 * 1024) throw new Error('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
async function devToken(req, res) {
  if (!devLogin) {
    return json(res, 404, {
      statusCode: 404,
      message: production ? 'the development login is disabled in production; sign in with the OIDC provider' : 'AUTH_DEV_SECRET is not set: the development login is off',
    });
  }
  let body;
  try {
    body = await readJson(req);
  } catch {
    return json(res, 400, { statusCode: 400, message: 'body must be JSON', errors: [{ path: '', rule: 'invalid_json', message: 'body must be JSON' }] });
  }
  const parsed = parseLogin(body);
  if (!parsed.ok) return json(res, 400, { statusCode: 400, message: 'invalid login', errors: parsed.errors });
  return json(res, 200, signDevToken(authConfig, parsed.principal));
}

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {string} target */
function proxy(req, res, target) {
  const url = new URL(target);
  /** @type {Record<string, string | string[]>} */
  const headers = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP.has(k)) headers[k] = v;
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  headers['x-forwarded-host'] = req.headers.host ?? '';
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(url, { method: req.method, headers }, (up) => {
    /** @type {Record<string, string | string[]>} */
    const out = {};
    for (const [k, v] of Object.entries(up.headers)) if (v !== undefined && !HOP.has(k)) out[k] = v;
    res.writeHead(up.statusCode ?? 502, out);
    up.pipe(res);
  });
  upstream.setTimeout(60_000, () => upstream.destroy(new Error('upstream timeout')));
  upstream.on('error', (error) => {
    if (res.headersSent) return res.destroy();
    json(res, 502, { statusCode: 502, error: 'Bad Gateway', message: `${url.host} is not answering: ${error.message}` });
  });
  req.pipe(upstream);
}

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {string} pathname */
async function serveStatic(req, res, pathname) {
  const safe = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(DIST, safe);
  if (!file.startsWith(DIST + sep) && file !== DIST) return json(res, 400, { statusCode: 400, message: 'bad path' });
  let info = await stat(file).catch(() => undefined);
  // Client-side routes (/research, /kpi/2026 …) get the app's index.html.
  if (!info || info.isDirectory()) {
    if (extname(pathname) !== '' && !pathname.endsWith('.html')) return json(res, 404, { statusCode: 404, message: 'not found' });
    file = join(DIST, 'index.html');
    info = await stat(file).catch(() => undefined);
    if (!info) return json(res, 503, { statusCode: 503, message: 'the console is not built: run pnpm --filter @tjc/console build' });
  }
  const immutable = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

const server = createServer((req, res) => {
  const rawUrl = req.url ?? '/';
  const pathname = rawUrl.split('?')[0] ?? '/';
  (async () => {
    if (pathname.startsWith('/api/')) {
      const target = resolveUpstream(rawUrl, UPSTREAMS);
      if (!target) return json(res, 404, { statusCode: 404, message: `no service at ${pathname}` });
      return proxy(req, res, target);
    }
    if (pathname === '/auth/dev-token' && req.method === 'POST') return devToken(req, res);
    if (pathname === '/config.json') return json(res, 200, publicConfig);
    if (pathname === '/healthz') return json(res, 200, { status: 'ok' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { statusCode: 405, message: 'method not allowed' });
    return serveStatic(req, res, pathname);
  })().catch((error) => {
    if (!res.headersSent) json(res, 500, { statusCode: 500, message: /** @type {Error} */ (error).message });
    else res.destroy();
  });
});

server.listen(PORT, HOST, () => {
  process.stdout.write(`console: http://${HOST}:${PORT}/  (dev login ${devLogin ? 'ON — development only' : 'off'}; OIDC sign-in ${oidcIssuer ?? 'off'}; services: ${Object.entries(UPSTREAMS).map(([k, v]) => `${k}=${v}`).join(' ')})\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
