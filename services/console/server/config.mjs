// @ts-check
/**
 * The console server's environment, read once at start-up. Every broken
 * variable is named in one error, and the server does not start.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { upstreamsFrom } from './upstreams.mjs';

export const DEFAULT_DIST = resolve(fileURLToPath(new URL('../dist', import.meta.url)));

/**
 * @typedef {{
 *   host: string,
 *   port: number,
 *   dist: string,
 *   upstreams: Map<string, string>,
 *   production: boolean,
 *   devLogin: boolean,
 *   devIssuer: { issuer: string, audience: string, secret: string },
 *   oidcIssuer: string | undefined,
 *   connectOrigins: string[],
 *   publicConfig: { traceUi: { kind: 'zipkin' | 'jaeger', url: string }, devLogin: boolean, oidc: { issuer: string, clientId: string, scope: string } | null },
 * }} ConsoleConfig
 */

/**
 * @param {Record<string, string | undefined>} env
 * @param {string} [dist]
 * @returns {ConsoleConfig}
 */
export function consoleConfigFrom(env, dist = DEFAULT_DIST) {
  /** @type {string[]} */
  const problems = [];
  const production = env['NODE_ENV'] === 'production';
  const devSecret = env['AUTH_DEV_SECRET'];
  // Issue #18.4: in production the development issuer is an error, not a silently disabled login:
  // the same secret would make the services trust whatever it signs (they refuse to boot too).
  if (production && devSecret !== undefined) problems.push('AUTH_DEV_SECRET: the development login is not allowed with NODE_ENV=production; unset it and sign in with AUTH_OIDC_ISSUER');
  if (devSecret !== undefined && devSecret.length < 32) problems.push('AUTH_DEV_SECRET: at least 32 characters');
  const host = env['CONSOLE_HOST'] ?? '127.0.0.1';
  const port = Number(env['CONSOLE_PORT'] ?? env['PORT'] ?? 3100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('CONSOLE_PORT: an integer 0–65535');
  const oidcIssuer = env['AUTH_OIDC_ISSUER'];
  const issuerOrigin = oidcIssuer === undefined ? undefined : URL.parse(oidcIssuer)?.origin;
  if (oidcIssuer !== undefined && (issuerOrigin === undefined || issuerOrigin === 'null')) problems.push('AUTH_OIDC_ISSUER: a URL');
  // The provider's token endpoint may live on another origin than its issuer: CONSOLE_CONNECT_ORIGINS adds it.
  const extra = (env['CONSOLE_CONNECT_ORIGINS'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const origin of extra) if (URL.parse(origin)?.origin !== origin) problems.push(`CONSOLE_CONNECT_ORIGINS: "${origin}" is not an origin (scheme://host[:port])`);
  // The trace UI the 追踪 links open: Zipkin for the local stack (infra/zipkin), or Jaeger
  // (docker-compose). JAEGER_UI_URL alone still means Jaeger, as before TRACE_UI existed.
  const traceKind = env['TRACE_UI'] ?? (env['JAEGER_UI_URL'] !== undefined ? 'jaeger' : 'zipkin');
  if (traceKind !== 'zipkin' && traceKind !== 'jaeger') problems.push(`TRACE_UI: "zipkin" or "jaeger", not "${traceKind}"`);
  const traceUrl = env['TRACE_UI_URL'] ?? env['JAEGER_UI_URL'] ?? (traceKind === 'jaeger' ? 'http://127.0.0.1:16686' : 'http://127.0.0.1:9411');
  if (!/^https?:$/.test(URL.parse(traceUrl)?.protocol ?? '')) problems.push(`TRACE_UI_URL: an http(s) URL, not "${traceUrl}"`);
  /** @type {Map<string, string>} */
  let upstreams = new Map();
  try {
    upstreams = upstreamsFrom(env);
  } catch (error) {
    problems.push(/** @type {Error} */ (error).message);
  }
  if (problems.length) throw new Error(`console server: ${problems.join('; ')}`);
  const devLogin = !production && devSecret !== undefined;
  return {
    host,
    port,
    dist,
    upstreams,
    production,
    devLogin,
    devIssuer: { issuer: env['AUTH_DEV_ISSUER'] ?? 'tjc-dev-issuer', audience: env['AUTH_AUDIENCE'] ?? 'tjc-platform', secret: devSecret ?? '' },
    oidcIssuer,
    // Zipkin's query API: a 追踪 link that knows only the event's id asks it for the trace (lib/trace.ts).
    connectOrigins: [...new Set([...(issuerOrigin ? [issuerOrigin] : []), ...extra, ...(traceKind === 'zipkin' && URL.parse(traceUrl) ? [new URL(traceUrl).origin] : [])])],
    publicConfig: {
      traceUi: { kind: traceKind === 'jaeger' ? 'jaeger' : 'zipkin', url: traceUrl },
      devLogin,
      oidc: oidcIssuer ? { issuer: oidcIssuer, clientId: env['AUTH_OIDC_CLIENT_ID'] ?? 'tjc-console', scope: env['AUTH_OIDC_SCOPE'] ?? 'openid profile platform' } : null,
    },
  };
}
