/**
 * JSON Schema (as the services' OpenAPI documents spell it) → fast-check:
 * valid values, a validator for the same subset (so every generated value
 * is checked before it is sent: a generator bug fails the test instead of
 * being blamed on a service), and mutations that break one field.
 *
 * Strings are counted in UTF-16 code units, as zod (the services'
 * validation) counts them; JSON Schema counts code points, so the documents
 * understate how much room emoji take (reported with the fuzz results).
 * Text never starts or ends with white space: the services refuse blank text
 * with a refinement the JSON Schema cannot express.
 */
import fc from 'fast-check';
import type { JsonSchema } from '../openapi';
import { dotted, emailAddress, isoInstant, jsonTypeOf, localDate, REMOVE, text, WRONG_TYPED, type JsonType, type Path, type YearRange } from './primitives';

const typesOf = (s: JsonSchema): JsonType[] => {
  const t = s.type === undefined ? [] : Array.isArray(s.type) ? (s.type as JsonType[]) : [s.type as JsonType];
  return s.nullable ? [...t, 'null'] : t;
};

const patternCache = new Map<string, RegExp>();
const regex = (p: string) => patternCache.get(p) ?? patternCache.set(p, new RegExp(p)).get(p)!;

const FORMAT_CHECKS: Record<string, (s: string) => boolean> = {
  date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
  'date-time': (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  uuid: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
  email: (s) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s),
  uri: (s) => URL.canParse(s),
};

/** Errors of `value` against `schema` (empty: valid), each with its dotted path. */
export function validate(schema: JsonSchema, value: unknown, path: Path = []): string[] {
  const at = dotted(path) || '<root>';
  if (value === undefined) return [`${at}: undefined`];
  if (schema.oneOf || schema.anyOf) {
    const options = schema.oneOf ?? schema.anyOf ?? [];
    const matching = options.filter((o) => validate(o, value, path).length === 0).length;
    if (schema.oneOf ? matching !== 1 : matching === 0) return [`${at}: matches ${matching} options`];
  }
  for (const s of schema.allOf ?? []) {
    const errors = validate(s, value, path);
    if (errors.length) return errors;
  }
  if (schema.const !== undefined && value !== schema.const) return [`${at}: not the constant`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: not in enum`];
  const types = typesOf(schema);
  if (types.length) {
    const actual = jsonTypeOf(value);
    const ok = types.includes(actual) || (actual === 'number' && types.includes('integer') && Number.isInteger(value));
    if (!ok || (types.includes('integer') && !types.includes('number') && actual === 'number' && !Number.isInteger(value))) return [`${at}: expected ${types.join('|')}, got ${actual}`];
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) return [`${at}: shorter than ${schema.minLength}`];
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return [`${at}: longer than ${schema.maxLength}`];
    if (schema.pattern && !regex(schema.pattern).test(value)) return [`${at}: does not match ${schema.pattern}`];
    const format = schema.format && FORMAT_CHECKS[schema.format];
    if (format && !format(value)) return [`${at}: not a ${schema.format}`];
  }
  if (typeof value === 'number') {
    const exMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : schema.exclusiveMinimum === true ? schema.minimum : undefined;
    const exMax = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : schema.exclusiveMaximum === true ? schema.maximum : undefined;
    if (schema.minimum !== undefined && value < schema.minimum) return [`${at}: below ${schema.minimum}`];
    if (schema.maximum !== undefined && value > schema.maximum) return [`${at}: above ${schema.maximum}`];
    if (exMin !== undefined && value <= exMin) return [`${at}: not above ${exMin}`];
    if (exMax !== undefined && value >= exMax) return [`${at}: not below ${exMax}`];
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return [`${at}: fewer than ${schema.minItems} items`];
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return [`${at}: more than ${schema.maxItems} items`];
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) return [`${at}: an item twice`];
    if (schema.items) return value.flatMap((v, i) => validate(schema.items!, v, [...path, i]));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const errors = (schema.required ?? []).filter((k) => !(k in obj)).map((k) => `${dotted([...path, k])}: missing`);
    for (const [k, s] of Object.entries(schema.properties ?? {})) if (k in obj) errors.push(...validate(s, obj[k], [...path, k]));
    return errors;
  }
  return [];
}

export interface JsonArbitraryOptions {
  /** Years of generated dates and instants. */
  readonly years: YearRange;
  /** Per-property overrides (by property name), e.g. a `year` the suite may write to. */
  readonly overrides?: Readonly<Record<string, fc.Arbitrary<unknown>>>;
}

/** Values valid under `schema`. */
export function jsonValidArbitrary(schema: JsonSchema, options: JsonArbitraryOptions, name?: string): fc.Arbitrary<unknown> {
  const override = name !== undefined ? options.overrides?.[name] : undefined;
  if (override) return override.filter((v) => validate(schema, v).length === 0);
  if (schema.oneOf || schema.anyOf) return fc.oneof(...(schema.oneOf ?? schema.anyOf ?? []).map((o) => jsonValidArbitrary(o, options, name))).filter((v) => validate(schema, v).length === 0);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = typesOf(schema).filter((t) => t !== 'null');
  const base = (() => {
    switch (types[0]) {
      case 'string':
        return stringArbitrary(schema, options);
      case 'integer': {
        const min = Math.max(schema.minimum ?? -1_000_000, Number.MIN_SAFE_INTEGER);
        const max = Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER);
        return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
      }
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const min = schema.minItems ?? 0;
        const items = schema.items ? jsonValidArbitrary(schema.items, options) : fc.jsonValue({ maxDepth: 1 });
        const size = { minLength: min, maxLength: Math.min(schema.maxItems ?? min + 3, min + 3) };
        return schema.uniqueItems ? fc.uniqueArray(items, { ...size, selector: (v) => JSON.stringify(v) }) : fc.array(items, size);
      }
      case 'object':
      case undefined: {
        if (!schema.properties) return types[0] === 'object' ? fc.constant({}) : fc.jsonValue({ maxDepth: 1 });
        const model: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, s] of Object.entries(schema.properties)) model[k] = jsonValidArbitrary(s, options, k);
        return fc.record(model, { requiredKeys: [...(schema.required ?? [])] });
      }
      default:
        throw new Error(`json-schema-arbitrary: type ${String(types[0])} is not supported`);
    }
  })();
  return (schema.nullable ? fc.option(base, { nil: null, freq: 10 }) : base).filter((v) => validate(schema, v).length === 0);
}

function stringArbitrary(schema: JsonSchema, options: JsonArbitraryOptions): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  // Unbounded strings (path ids) stay short: a 500-character Chinese id is an over-long URL (414), not a fuzz finding.
  const max = schema.maxLength ?? 60;
  switch (schema.format) {
    case 'date':
      return localDate(options.years);
    case 'date-time':
      return isoInstant(options.years);
    case 'uuid':
      return fc.uuid({ version: 4 });
    case 'email':
      return emailAddress;
    case 'uri':
      return fc.webUrl();
    default:
      break;
  }
  if (schema.pattern) return fc.stringMatching(regex(schema.pattern), { maxLength: Math.min(max, 200) }).filter((s) => s.length >= min && s.length <= max);
  // Non-blank text, no leading/trailing white space (see the header).
  return text(Math.max(min, 1), max).filter((s) => s.trim() === s && s.length >= min);
}

export interface JsonMutation {
  readonly path: Path;
  readonly kind: string;
  readonly replacement: unknown;
}

const BAD_STRINGS = ['', '不合法的值 !', '@@@', '2024-13-45', 'x'];

/** Ways to break one field of `value` (valid under `schema`); each must make `validate` fail. */
export function jsonMutationsOf(schema: JsonSchema, value: unknown, path: Path = []): JsonMutation[] {
  const out: JsonMutation[] = [];
  const types = typesOf(schema);
  if (types.length && !schema.oneOf && !schema.anyOf) {
    const wrong = WRONG_TYPED.filter((w) => !types.includes(w.type) && !(w.type === 'number' && types.includes('integer')));
    const pick = wrong[path.length % Math.max(1, wrong.length)];
    if (pick) out.push({ path, kind: 'wrong_type', replacement: pick.value });
  }
  if (schema.enum) out.push({ path, kind: 'bad_enum', replacement: '不存在的取值' });
  if (typeof value === 'string') {
    if (schema.maxLength !== undefined) out.push({ path, kind: 'too_big', replacement: 'a'.repeat(schema.maxLength + 1) });
    if ((schema.minLength ?? 0) > 0) out.push({ path, kind: 'too_small', replacement: '' });
    if (schema.pattern || schema.format) {
      const bad = BAD_STRINGS.find((b) => validate(schema, b).length > 0);
      if (bad !== undefined) out.push({ path, kind: 'bad_format', replacement: bad });
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && schema.minimum > Number.MIN_SAFE_INTEGER) out.push({ path, kind: 'too_small', replacement: schema.minimum - 1 });
    if (schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER) out.push({ path, kind: 'too_big', replacement: schema.maximum + 1 });
    if (types.includes('integer')) out.push({ path, kind: 'not_integer', replacement: (schema.minimum ?? 0) + 0.5 });
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > 0 && schema.maxItems < 600) out.push({ path, kind: 'too_big', replacement: Array.from({ length: schema.maxItems + 1 }, (_, i) => value[i % value.length]) });
    if ((schema.minItems ?? 0) > 0) out.push({ path, kind: 'too_small', replacement: value.slice(0, (schema.minItems ?? 1) - 1) });
    if (schema.items) value.slice(0, 2).forEach((v, i) => out.push(...jsonMutationsOf(schema.items!, v, [...path, i])));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && schema.properties) {
    const obj = value as Record<string, unknown>;
    for (const k of schema.required ?? []) if (k in obj) out.push({ path: [...path, k], kind: 'missing', replacement: REMOVE });
    for (const [k, s] of Object.entries(schema.properties)) if (k in obj) out.push(...jsonMutationsOf(s, obj[k], [...path, k]));
  }
  return out;
}
