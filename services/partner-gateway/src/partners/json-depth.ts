/**
 * Maximum nesting depth of a JSON text, measured on the raw text before it is
 * parsed, so a hostile `[[[[…]]]]` is refused without ever building (or
 * recursing through) the structure. Brackets inside strings do not count.
 * Stops scanning as soon as `limit` is exceeded; returns limit + 1 then.
 * The text need not be valid JSON: invalid JSON is the parser's to report.
 */
export function jsonDepth(text: string, limit: number = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth = Math.max(0, depth - 1);
  }
  return max;
}
