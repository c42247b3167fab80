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

/** @param {Record<string, string | undefined>} env */
export function upstreamsFrom(env) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [name, url] of Object.entries(DEFAULT_UPSTREAMS)) out[name] = env[`CONSOLE_UPSTREAM_${name.toUpperCase()}`] ?? url;
  return out;
}

/**
 * `/api/kpi/kpi/2026?asOf=…` → `http://127.0.0.1:3105/kpi/2026?asOf=…`;
 * undefined for anything that is not a known service.
 * @param {string} url the request URL (path and query)
 * @param {Record<string, string>} upstreams
 */
export function resolveUpstream(url, upstreams) {
  const match = /^\/api\/([a-z]+)(\/[^?#]*)?(\?[^#]*)?$/.exec(url);
  if (!match) return undefined;
  const base = upstreams[match[1] ?? ''];
  if (base === undefined) return undefined;
  const path = match[2] ?? '/';
  // Never let "/api/kpi/../" climb out of the service: the path is forwarded as is, but normalised first.
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
  return `${base}${path}${match[3] ?? ''}`;
}
