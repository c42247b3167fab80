// @ts-check
/**
 * The console server's request handler: serves the built app from dist/,
 * proxies /api/<service>/* to the services so the browser has one origin,
 * and — in development only — mints login tokens at POST /auth/dev-token.
 *
 *   browser ──► :3100 ─┬─ /api/research/*  ──► :3101   (Authorization passed through)
 *                      ├─ /api/… (industry 3102, service 3103, fund 3104, kpi 3105, gateway 3106)
 *                      ├─ POST /auth/dev-token  (AUTH_DEV_SECRET set, NODE_ENV ≠ production)
 *                      ├─ GET /config.json      (Jaeger UI URL, the OIDC provider, whether dev login is on)
 *                      └─ everything else: dist/ files, index.html for client routes
 *
 * Every answer carries the security headers (security-headers.mjs); a path
 * that does not decode, or could mean something else once an upstream
 * decodes it, is a 400; an unexpected failure is a 500 that says nothing of
 * the server's inside (it is logged instead).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { parseLogin, signDevToken } from './dev-token.mjs';
import { COMMON, NON_PAGE_CSP, pageHeaders } from './security-headers.mjs';
import { resolveUpstream, safeDecode } from './upstreams.mjs';

/** @type {ReadonlyMap<string, string>} a Map: extname() of a request path is the client's text */
const MIME = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.json', 'application/json; charset=utf-8'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
  ['.map', 'application/json; charset=utf-8'],
  ['.woff2', 'font/woff2'],
]);

// Hop-by-hop headers (RFC 9110 §7.6.1) are never forwarded.
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host']);

/**
 * @param {import('./config.mjs').ConsoleConfig} config
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
 */
export function createConsoleHandler(config, options = {}) {
  const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  const PAGE = pageHeaders({ connectOrigins: config.connectOrigins });
  const OTHER = { ...COMMON, 'content-security-policy': NON_PAGE_CSP };

  /** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body */
  function json(res, status, body) {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...OTHER, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
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
    if (!config.devLogin) return json(res, 404, { statusCode: 404, message: 'AUTH_DEV_SECRET is not set: the development login is off' });
    let body;
    try {
      body = await readJson(req);
    } catch {
      return json(res, 400, { statusCode: 400, message: 'body must be JSON', errors: [{ path: '', rule: 'invalid_json', message: 'body must be JSON' }] });
    }
    const parsed = parseLogin(body);
    if (!parsed.ok) return json(res, 400, { statusCode: 400, message: 'invalid login', errors: parsed.errors });
    return json(res, 200, signDevToken(config.devIssuer, parsed.principal));
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {string} target */
  function proxy(req, res, target) {
    const url = new URL(target);
    /** @type {Record<string, string | string[]>} */
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP.has(k)) headers[k] = v;
    // Replaced, never appended to: what the browser wrote there is not believed by anyone downstream.
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    headers['x-forwarded-host'] = req.headers.host ?? '';
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(url, { method: req.method, headers }, (up) => {
      /** @type {Record<string, string | string[]>} */
      const out = { ...OTHER };
      for (const [k, v] of Object.entries(up.headers)) if (v !== undefined && !HOP.has(k)) out[k] = v;
      res.writeHead(up.statusCode ?? 502, out);
      up.pipe(res);
    });
    upstream.setTimeout(60_000, () => upstream.destroy(new Error('upstream timeout')));
    upstream.on('error', (error) => {
      if (res.headersSent) return res.destroy();
      log(`console: ${url.host} is not answering: ${error.message}`);
      json(res, 502, { statusCode: 502, error: 'Bad Gateway', message: `${url.host} is not answering` });
    });
    req.pipe(upstream);
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {string} pathname */
  async function serveStatic(req, res, pathname) {
    const decoded = safeDecode(pathname);
    if (decoded === undefined || decoded.includes('\u0000')) return json(res, 400, { statusCode: 400, message: 'bad path' });
    const safe = normalize(decoded).replace(/^([/\\])+/, '');
    let file = join(config.dist, safe);
    if (!file.startsWith(config.dist + sep) && file !== config.dist) return json(res, 400, { statusCode: 400, message: 'bad path' });
    let info = await stat(file).catch(() => undefined);
    // Client-side routes (/research, /kpi/2026 …) get the app's index.html.
    if (!info || info.isDirectory()) {
      if (extname(decoded) !== '' && !decoded.endsWith('.html')) return json(res, 404, { statusCode: 404, message: 'not found' });
      file = join(config.dist, 'index.html');
      info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) return json(res, 503, { statusCode: 503, message: 'the console is not built: run pnpm --filter @tjc/console build' });
    }
    const immutable = file.includes(`${sep}assets${sep}`);
    res.writeHead(200, {
      ...PAGE,
      'content-type': MIME.get(extname(file)) ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') return res.end();
    // A read that fails after the head was sent can only cut the answer; unhandled, it would end the process.
    createReadStream(file)
      .on('error', (error) => {
        log(`console: reading ${file} failed: ${error.message}`);
        res.destroy();
      })
      .pipe(res);
  }

  return (req, res) => {
    const rawUrl = req.url ?? '/';
    const pathname = rawUrl.split('?')[0] ?? '/';
    (async () => {
      if (pathname.startsWith('/api/')) {
        const resolved = resolveUpstream(rawUrl, config.upstreams);
        if ('error' in resolved) {
          return resolved.error === 'bad-path' ? json(res, 400, { statusCode: 400, message: 'bad path' }) : json(res, 404, { statusCode: 404, message: 'no such service' });
        }
        return proxy(req, res, resolved.target);
      }
      if (pathname === '/auth/dev-token' && req.method === 'POST') return devToken(req, res);
      if (pathname === '/config.json') return json(res, 200, config.publicConfig);
      if (pathname === '/healthz') return json(res, 200, { status: 'ok' });
      if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { statusCode: 405, message: 'method not allowed' });
      return serveStatic(req, res, pathname);
    })().catch((/** @type {unknown} */ error) => {
      // Logged, not answered: an exception's text can name files, hosts or the input.
      log(`console: ${req.method} ${pathname.slice(0, 200)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) json(res, 500, { statusCode: 500, message: 'internal error' });
      else res.destroy();
    });
  };
}
