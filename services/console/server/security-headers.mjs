// @ts-check
/**
 * The headers of every answer of the console server. The console keeps a
 * bearer token in sessionStorage: any script that runs in its origin can
 * read it, so the page allows scripts from its own origin only, nothing may
 * frame it (clickjacking), and no URL leaks out in a Referer (the OIDC
 * callback URL carries the authorization code and the state).
 *
 *  - script-src 'self': Vite's build has no inline script;
 *  - style-src 'unsafe-inline': antd writes its CSS-in-JS into <style>
 *    elements at run time (styles cannot read sessionStorage);
 *  - connect-src: the API (same origin) and the OIDC provider's origin
 *    (discovery and the token endpoint are fetched by the browser);
 *  - frame-ancestors 'none' (and X-Frame-Options for old browsers);
 *  - base-uri, form-action, object-src closed.
 * HSTS belongs to whoever terminates TLS in front of the console (this server speaks HTTP).
 */

/**
 * @param {{ connectOrigins: readonly string[] }} o origins the browser may fetch besides 'self'
 * @returns {Record<string, string>}
 */
export function pageHeaders(o) {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${o.connectOrigins.map((c) => ` ${c}`).join('')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    ...COMMON,
  };
}

/** For answers that are not the app's pages (JSON, proxied API answers): no framing, no sniffing, no referrer. */
export const COMMON = Object.freeze({
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
});

/** A CSP for answers that are not pages: they may not be framed. */
export const NON_PAGE_CSP = "frame-ancestors 'none'";
