/**
 * Terminal tables with Chinese text. A terminal gives East Asian wide and
 * fullwidth characters (汉字, fullwidth punctuation such as （）、，) two
 * columns, so padding by `string.length` misaligns every row with Chinese in
 * it. `displayWidth` counts columns the way terminals do (Unicode East Asian
 * Width W/F = 2, combining marks and zero-width characters = 0).
 */

/** Inclusive code point ranges of East Asian Wide (W) and Fullwidth (F) characters. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation (、。「」)
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility, Kanbun, CJK strokes, enclosed CJK
  [0x3400, 0x4dbf], // CJK Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff01, 0xff60], // fullwidth ASCII variants （），：
  [0xffe0, 0xffe6], // fullwidth signs ￥
  [0x1f300, 0x1f64f], // pictographs and emoticons
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd], // CJK Extensions B–G
];

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = WIDE[mid]!;
    if (cp < from) hi = mid - 1;
    else if (cp > to) lo = mid + 1;
    else return true;
  }
  return false;
}

function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) || // combining diacritics
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space, joiners, marks
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    cp === 0xfeff ||
    cp < 0x20 ||
    (cp >= 0x7f && cp < 0xa0)
  );
}

// eslint-disable-next-line no-control-regex -- matching ANSI escape sequences is the point
const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns the text takes in a terminal (ANSI colour codes take none). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text.replace(ANSI, '')) {
    const cp = ch.codePointAt(0)!;
    if (isZeroWidth(cp)) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

/** Pads to `width` columns (left-aligned, or right-aligned for numbers). */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/** Cuts to at most `width` columns, marking the cut with "…" (never splits a wide character). */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
  /** Longer cells are truncated to this many columns. */
  readonly maxWidth?: number;
}

/**
 * A bordered table; each column as wide as its widest cell (in terminal
 * columns). Rows shorter than the header get empty cells.
 */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const cell = (row: readonly string[], i: number) => {
    const text = row[i] ?? '';
    const max = columns[i]?.maxWidth;
    return max === undefined ? text : truncate(text, max);
  };
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(cell(r, i)))));
  // ASCII borders: box-drawing characters are "ambiguous width" and take two
  // columns in terminals set up for CJK, which would break the alignment.
  const rule = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  const render = (row: readonly string[], header: boolean) =>
    '|' + columns.map((c, i) => ` ${pad(header ? c.header : cell(row, i), widths[i]!, header ? 'left' : (c.align ?? 'left'))} `).join('|') + '|';
  return [rule, render(columns.map((c) => c.header), true), rule, ...rows.map((r) => render(r, false)), rule].join('\n');
}
