/**
 * What PostgreSQL cannot store: U+0000 in `text` or `jsonb` (22021 / 22P05)
 * and, in `jsonb`, an unpaired UTF-16 surrogate (JSON.stringify writes it as
 * `\ud800`, which PostgreSQL's JSON parser refuses). Both are valid in a
 * JavaScript string and in JSON, so partner input can carry them; left
 * unchecked they made the gateway answer 500 (found by the fuzz suite,
 * e2e/security/fuzz-gateway.e2e.ts).
 */

// String.prototype.isWellFormed/toWellFormed are ES2024; the workspace targets ES2023.
// NUL is exactly what this pattern is for, so the control character is intended.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when `s` holds U+0000 or an unpaired surrogate. */
export function isUnstorable(s: string): boolean {
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(s);
}

/** `s` with U+0000 and unpaired surrogates replaced by U+FFFD: for excerpts and messages kept for people, not for partner data. */
export function storableText(s: string): string {
  return s.replace(UNSTORABLE, '\uFFFD');
}

/** Dotted path (from `value`'s root) of the first string or key PostgreSQL cannot store, or undefined. */
export function unstorablePath(value: unknown, path: readonly (string | number)[] = []): string | undefined {
  if (typeof value === 'string') return isUnstorable(value) ? path.join('.') : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorablePath(item, [...path, i]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (isUnstorable(key)) return [...path, key].join('.');
    const found = unstorablePath(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * At most `max` characters (code points, so an emoji is never cut in half),
 * made storable: for text the platform keeps whatever it is given — a reason
 * in the audit log, an excerpt — with an ellipsis when something was cut.
 */
export function clipText(s: string, max: number): string {
  const points = [...s];
  const clipped = points.length > max ? `${points.slice(0, Math.max(0, max - 1)).join('')}…` : s;
  return storableText(clipped);
}

/** A JSON value with every string (and key) made storable (for jsonb columns). */
export function storableJson(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return storableText(value);
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => storableJson(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableJson(v, depth + 1)]));
}
