/**
 * Building blocks shared by the zod and the JSON-Schema generators: text
 * that looks like the platform's (Chinese first, with emoji and any Unicode
 * grapheme mixed in), calendar dates and instants with offsets.
 */
import fc from 'fast-check';

export interface YearRange {
  readonly min: number;
  readonly max: number;
}

/** Every year a contract accepts (Year is 2020–2100); the fuzz suite narrows it for writes. */
export const ALL_YEARS: YearRange = { min: 2000, max: 2100 };

const CHINESE = [...'天津京冀雄安科技成果转化创新中心联合体项目专家评审基金投资园区高校实验室企业需求揭榜挂帅培训路演'];
const EMOJI = ['🚀', '🔬', '💡', '🏭', '📈', '🇨🇳', '👩‍🔬', '🧪'];

/** One unit of text: mostly Chinese, also ASCII, emoji (two or more UTF-16 units) and any printable grapheme. */
export const textUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...CHINESE) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);

/**
 * Text of `min`..`max` UTF-16 code units (what zod's and JavaScript's
 * `.length` count). Long limits are sampled up to 80 units plus the exact
 * boundary, so a 20 000-character field does not make every run slow.
 */
export function text(min: number, max: number): fc.Arbitrary<string> {
  const cap = Math.min(max, Math.max(min, 80));
  const free = fc.string({ unit: textUnit, minLength: min, maxLength: cap }).filter((s) => s.length >= min && s.length <= max);
  if (max > 100_000) return free;
  // The boundary itself: exactly `max` one-unit characters.
  const boundary = fc.constantFrom('中', 'a').map((c) => c.repeat(max));
  return max >= min && max > 0 ? fc.oneof({ weight: 9, arbitrary: free }, { weight: 1, arbitrary: boundary }) : free;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A valid calendar date `YYYY-MM-DD`. */
export function localDate(years: YearRange): fc.Arbitrary<string> {
  return fc
    .date({ min: new Date(Date.UTC(years.min, 0, 1)), max: new Date(Date.UTC(years.max, 11, 31)), noInvalidDate: true })
    .map((d) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
}

export interface InstantOptions {
  /** Offsets (+08:00) allowed besides Z. */
  readonly offset: boolean;
  /** Without any zone designator allowed. */
  readonly local: boolean;
  /** Fraction digits required (null: any, -1: minutes only). */
  readonly precision: number | null;
}

/** An ISO 8601 instant such as 2024-05-01T09:30:00.123+08:00, within `years`. */
export function isoInstant(years: YearRange, options: InstantOptions = { offset: true, local: false, precision: null }): fc.Arbitrary<string> {
  const zones: fc.Arbitrary<string>[] = [fc.constant('Z')];
  if (options.offset) {
    zones.push(
      fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30, 45)).map(([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`),
      fc.constant('+08:00'),
    );
  }
  if (options.local) zones.push(fc.constant(''));
  const fraction =
    options.precision === null
      ? fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 6 }).chain((n) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => `.${pad(v, n)}`)))
      : options.precision <= 0
        ? fc.constant('')
        : fc.integer({ min: 0, max: 10 ** options.precision - 1 }).map((v) => `.${pad(v, options.precision ?? 0)}`);
  return fc
    .tuple(localDate(years), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fraction, fc.oneof(...zones))
    .map(([date, h, m, s, frac, zone]) => (options.precision === -1 ? `${date}T${pad(h)}:${pad(m)}${zone}` : `${date}T${pad(h)}:${pad(m)}:${pad(s)}${frac}${zone}`));
}

/** Simple, valid e-mail addresses (fast-check's own may hold characters zod's stricter pattern refuses). */
export const emailAddress: fc.Arbitrary<string> = fc.stringMatching(/^[a-z][a-z0-9._-]{0,15}[a-z0-9]@[a-z][a-z0-9-]{0,10}\.(cn|com|org|edu\.cn)$/);

/** JSON types, as JSON Schema names them. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** A value of each JSON type, used to put a wrong-typed value where another type is expected. */
export const WRONG_TYPED: readonly { readonly type: Exclude<JsonType, 'integer'>; readonly value: unknown }[] = [
  { type: 'number', value: 12345 },
  { type: 'string', value: '错误类型' },
  { type: 'boolean', value: true },
  { type: 'null', value: null },
  { type: 'array', value: ['数组'] },
  { type: 'object', value: { 对象: 1 } },
];

export function jsonTypeOf(value: unknown): Exclude<JsonType, 'integer'> {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'object') return t;
  throw new Error(`not a JSON value: ${t}`);
}

/** Path segments as the services and the contracts print them: `data.team.0.name`. */
export type Path = readonly (string | number)[];
export const dotted = (path: Path): string => path.map(String).join('.');

/** A copy of `root` with the value at `path` replaced, or removed when `replacement` is REMOVE. */
export const REMOVE: unique symbol = Symbol('remove');
export function setAt(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    if (replacement === REMOVE && rest.length === 0) copy.splice(Number(head), 1);
    else copy[Number(head)] = setAt(copy[Number(head)], rest, replacement);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(root as Record<string, unknown>) };
  const key = String(head);
  if (replacement === REMOVE && rest.length === 0) delete copy[key];
  else copy[key] = setAt(copy[key], rest, replacement);
  return copy;
}
