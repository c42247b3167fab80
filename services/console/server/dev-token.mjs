// @ts-check
/**
 * The development issuer, server side: an HS256 JWT with exactly the claims of
 * packages/auth `issueDevToken` (sub, name, roles, network?, iss, aud, iat, exp),
 * signed with AUTH_DEV_SECRET, which never reaches the browser.
 *
 * Why not import @tjc/auth: it pulls NestJS and jose into a 100-line static
 * server; HS256 is a single HMAC, done here with node:crypto.
 */
import { createHmac } from 'node:crypto';

export const ROLES = /** @type {const} */ (['coordinator', 'reader', 'center-admin', 'ops']);
export const NETWORKS = /** @type {const} */ (['research', 'industry', 'service', 'fund']);

/** @param {string | Buffer} input */
const b64url = (input) => Buffer.from(input).toString('base64url');

/**
 * @param {{ issuer: string, audience: string, secret: string }} config
 * @param {{ sub: string, name: string, roles: string[], network?: string }} principal
 * @param {number} [ttlSeconds]
 * @param {number} [nowSeconds]
 */
export function signDevToken(config, principal, ttlSeconds = 8 * 3600, nowSeconds = Math.floor(Date.now() / 1000)) {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = {
    name: principal.name,
    roles: principal.roles,
    ...(principal.network !== undefined && { network: principal.network }),
    sub: principal.sub,
    iss: config.issuer,
    aud: config.audience,
    iat: nowSeconds,
    exp: nowSeconds + ttlSeconds,
  };
  const payload = b64url(JSON.stringify(claims));
  const signature = createHmac('sha256', config.secret).update(`${header}.${payload}`).digest('base64url');
  return { token: `${header}.${payload}.${signature}`, expiresAt: new Date((nowSeconds + ttlSeconds) * 1000).toISOString() };
}

/**
 * Validates a login request the way packages/auth PrincipalSchema does, with
 * the same `{ errors: [{ path, rule, message }] }` shape the services answer.
 * @param {unknown} body
 * @returns {{ ok: true, principal: { sub: string, name: string, roles: string[], network?: string } } | { ok: false, errors: { path: string, rule: string, message: string }[] }}
 */
export function parseLogin(body) {
  /** @type {{ path: string, rule: string, message: string }[]} */
  const errors = [];
  const b = /** @type {Record<string, unknown>} */ (typeof body === 'object' && body !== null ? body : {});
  const sub = typeof b['sub'] === 'string' ? b['sub'].trim() : '';
  const name = typeof b['name'] === 'string' ? b['name'].trim() : '';
  const role = b['role'];
  const network = b['network'];
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(sub)) errors.push({ path: 'sub', rule: 'invalid_format', message: 'letters, digits, ".", "_" or "-", at most 64' });
  if (name.length === 0 || name.length > 100) errors.push({ path: 'name', rule: 'too_small', message: 'a display name of 1–100 characters' });
  if (typeof role !== 'string' || !(/** @type {readonly string[]} */ (ROLES)).includes(role)) errors.push({ path: 'role', rule: 'invalid_value', message: `one of ${ROLES.join(', ')}` });
  if (role === 'coordinator' && (typeof network !== 'string' || !(/** @type {readonly string[]} */ (NETWORKS)).includes(network))) {
    errors.push({ path: 'network', rule: 'invalid_value', message: 'a coordinator token must carry a network' });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, principal: { sub, name, roles: [/** @type {string} */ (role)], ...(role === 'coordinator' && { network: /** @type {string} */ (network) }) } };
}
