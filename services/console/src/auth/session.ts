import type { Network } from '@tjc/contracts';

export type Role = 'coordinator' | 'reader' | 'center-admin' | 'ops';
export const ROLES: readonly Role[] = ['coordinator', 'reader', 'center-admin', 'ops'];

export interface Session {
  readonly token: string;
  readonly sub: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly network?: Network;
  /** Seconds since the epoch. */
  readonly exp: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function base64UrlDecode(part: string): string {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * Reads the claims of a token for display and for hiding actions the user
 * may not take. Never a security decision: the services verify the
 * signature and decide (403), the console only avoids offering what they
 * would refuse.
 */
export function sessionFromToken(token: string): Session | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(base64UrlDecode(payload));
  } catch {
    return undefined;
  }
  if (!isRecord(claims) || typeof claims['sub'] !== 'string' || !Array.isArray(claims['roles']) || typeof claims['exp'] !== 'number') return undefined;
  const roles = claims['roles'].filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
  const network = typeof claims['network'] === 'string' ? (claims['network'] as Network) : undefined;
  return {
    token,
    sub: claims['sub'],
    name: typeof claims['name'] === 'string' ? claims['name'] : claims['sub'],
    roles,
    ...(network !== undefined && { network }),
    exp: claims['exp'],
  };
}

export const isExpired = (s: Session, nowMs = Date.now()) => s.exp * 1000 <= nowMs;

/** The same rule as packages/auth canWriteNetwork: the network's coordinator or a center admin. */
export function canWriteNetwork(s: Session | undefined, network: Network): boolean {
  if (!s) return false;
  return s.roles.includes('center-admin') || (s.roles.includes('coordinator') && s.network === network);
}

export const isOps = (s: Session | undefined) => !!s && (s.roles.includes('ops') || s.roles.includes('center-admin'));
export const isCenterAdmin = (s: Session | undefined) => !!s && s.roles.includes('center-admin');

const KEY = 'tjc.console.token';

export function loadStoredSession(storage: Pick<Storage, 'getItem' | 'removeItem'> = sessionStorage): Session | undefined {
  const token = storage.getItem(KEY);
  if (!token) return undefined;
  const s = sessionFromToken(token);
  if (!s || isExpired(s)) {
    storage.removeItem(KEY);
    return undefined;
  }
  return s;
}

export function storeToken(token: string | undefined, storage: Pick<Storage, 'setItem' | 'removeItem'> = sessionStorage): void {
  if (token) storage.setItem(KEY, token);
  else storage.removeItem(KEY);
}
