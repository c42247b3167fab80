import { isIP } from 'node:net';

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) → `127.0.0.1`. */
function normalise(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/**
 * The client's address: the peer, unless the peer is a trusted proxy, in
 * which case X-Forwarded-For is read from the right (each proxy appends the
 * address it saw) to the first address that is not a trusted proxy. What a
 * client writes into the header itself sits to the left of that and is never
 * believed. A malformed entry stops the walk at the proxy that forwarded it.
 */
export function clientIp(peer: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: readonly string[]): string {
  const trusted = new Set(trustedProxies.map(normalise));
  let current = normalise(peer ?? '');
  if (current === '') return 'unknown';
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).split(',').map((h) => h.trim()).filter(Boolean);
  while (trusted.has(current) && hops.length > 0) {
    const next = normalise(hops.pop()!);
    if (isIP(next) === 0) break;
    current = next;
  }
  return current;
}

/**
 * The key an address is counted under: an IPv4 address as is, an IPv6
 * address by its /64 (one subscriber's network: a client rotating addresses
 * inside it stays one key).
 */
export function ipKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => (parseInt(g, 16) || 0).toString(16)).join(':')}::/64`;
}
