// @ts-check
/**
 * The browser talks to one origin; /api/<service>/<path> is forwarded to the
 * service's own port (infra/services.conf). Overridable per service, e.g.
 * CONSOLE_UPSTREAM_KPI=http://10.0.0.5:3105.
 */
export const DEFAULT_UPSTREAMS = /** @type {const} */ ({
  research: 'http://127.0.0.1:3101',
  industry: 'http://127.0.0.1:3102',
  service: 'http://127.0.0.1:3103',
  fund: 'http://127.0.0.1:3104',
  kpi: 'http://127.0.0.1:3105',
  gateway: 'http://127.0.0.1:3106',
});

/**
 * The upstream of each service, as a Map: a plain object looked up with a
 * name from the URL answers `constructor`, `__proto__`, `toString` … from
 * Object.prototype (issue #18.9: /api/constructor/x was a 500).
 * @param {Record<string, string | undefined>} env
 * @returns {Map<string, string>}
 */
export function upstreamsFrom(env) {
  const out = new Map();
  for (const [name, url] of Object.entries(DEFAULT_UPSTREAMS)) {
    const value = env[`CONSOLE_UPSTREAM_${name.toUpperCase()}`] ?? url;
    const parsed = URL.parse(value);
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.pathname !== '/' || parsed.search || parsed.hash) {
      throw new Error(`CONSOLE_UPSTREAM_${name.toUpperCase()}: an http(s) origin such as http://127.0.0.1:3101, without a path`);
    }
    out.set(name, parsed.origin);
  }
  return out;
}

/**
 * Decodes percent-escapes, or undefined when they are malformed
 * (`%E0%A4%A`, `%`): decodeURIComponent throws on those (issue #18.9: a 500).
 * @param {string} text
 */
export function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * Whether every segment of a path means itself once decoded: no `.` or
 * `..` (also written `%2e%2e`, `.%2E` …), no `/` or `\` hidden in a segment
 * (`%2f`, `%5c`, a raw backslash: some servers treat it as a separator), no
 * control character, and no malformed escape. What an upstream sees after
 * its own decoding is then exactly the path checked here.
 * @param {string} path starts with "/"
 */
export function isPlainPath(path) {
  for (const raw of path.split('/').slice(1)) {
    const segment = safeDecode(raw);
    if (segment === undefined) return false;
    if (segment === '.' || segment === '..') return false;
    if (/[/\\\u0000-\u001f\u007f]/.test(segment)) return false;
  }
  return true;
}

/**
 * `/api/kpi/kpi/2026?asOf=…` → `http://127.0.0.1:3105/kpi/2026?asOf=…`;
 * `{ error: 'unknown' }` for anything that is not a known service, `{ error: 'bad-path' }`
 * for a path that could climb out of the service or is not decodable.
 * @param {string} url the request URL (path and query)
 * @param {Map<string, string>} upstreams
 * @returns {{ target: string } | { error: 'unknown' | 'bad-path' }}
 */
export function resolveUpstream(url, upstreams) {
  const match = /^\/api\/([a-z]+)(\/[^?#]*)?(\?[^#]*)?$/.exec(url);
  if (!match) return { error: 'unknown' };
  const base = upstreams.get(match[1] ?? '');
  if (base === undefined) return { error: 'unknown' };
  const path = match[2] ?? '/';
  // The path is forwarded as it came (encoded), so it is checked as the upstream will read it.
  if (!isPlainPath(path)) return { error: 'bad-path' };
  return { target: `${base}${path}${match[3] ?? ''}` };
}
