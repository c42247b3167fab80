/**
 * zod 4 schema → fast-check arbitraries, read from the schema's own
 * definition (`schema._zod.def`), so the generator follows the contracts
 * without a copy of them:
 *
 *   validArbitrary(schema)    values the schema parses
 *   mutationsOf(schema, v)    ways to break a valid value, each naming the path and the rule it breaks
 *   invalidArbitrary(schema)  a valid value with one mutation applied
 *
 * A construct this file does not know throws at once (a new kind of schema in
 * contracts/ must be taught here, not skipped). Refinements (`.refine`) cannot
 * be read; generated values are filtered through the schema at the refined
 * node, and a `repairs` hook turns a value into one that satisfies a refinement
 * that random values almost never meet (e.g. a count that must equal a
 * number of distinct ids).
 */
import fc from 'fast-check';
import { ALL_YEARS, dotted, emailAddress, isoInstant, jsonTypeOf, localDate, REMOVE, setAt, text, WRONG_TYPED, type JsonType, type Path, type YearRange } from './primitives';

/** What this file needs of a zod schema: its definition and safeParse. */
export interface ZodLike {
  readonly _zod: { readonly def: unknown };
  safeParse(value: unknown): { readonly success: boolean; readonly error?: { readonly issues: readonly ZodIssueLike[] } | undefined };
}
export interface ZodIssueLike {
  readonly path: readonly PropertyKey[];
  readonly code: string;
  readonly message: string;
}

interface CheckDef {
  readonly check: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly format?: string;
  readonly pattern?: RegExp;
}
interface CheckNode {
  readonly _zod: { readonly def: CheckDef };
}
type Def =
  | { readonly type: 'string'; readonly checks?: readonly CheckNode[]; readonly format?: string; readonly pattern?: RegExp; readonly offset?: boolean; readonly local?: boolean; readonly precision?: number | null; readonly version?: string }
  | { readonly type: 'number'; readonly checks?: readonly CheckNode[] }
  | { readonly type: 'boolean' | 'unknown' | 'any' | 'null'; readonly checks?: readonly CheckNode[] }
  | { readonly type: 'object'; readonly shape: Readonly<Record<string, ZodLike>>; readonly catchall?: ZodLike; readonly checks?: readonly CheckNode[] }
  | { readonly type: 'array'; readonly element: ZodLike; readonly checks?: readonly CheckNode[] }
  | { readonly type: 'enum'; readonly entries: Readonly<Record<string, string | number>>; readonly checks?: readonly CheckNode[] }
  | { readonly type: 'literal'; readonly values: readonly (string | number | boolean | null)[]; readonly checks?: readonly CheckNode[] }
  | { readonly type: 'union'; readonly options: readonly ZodLike[]; readonly discriminator?: string; readonly checks?: readonly CheckNode[] }
  | { readonly type: 'optional' | 'nullable'; readonly innerType: ZodLike; readonly checks?: readonly CheckNode[] }
  | { readonly type: 'default'; readonly innerType: ZodLike; readonly defaultValue: unknown; readonly checks?: readonly CheckNode[] }
  | { readonly type: 'record'; readonly keyType: ZodLike; readonly valueType: ZodLike; readonly checks?: readonly CheckNode[] };

const KNOWN = new Set(['string', 'number', 'boolean', 'unknown', 'any', 'null', 'object', 'array', 'enum', 'literal', 'union', 'optional', 'nullable', 'default', 'record']);

export function defOf(schema: ZodLike): Def {
  const def = schema._zod.def as { readonly type?: unknown };
  if (typeof def.type !== 'string' || !KNOWN.has(def.type)) {
    throw new Error(`zod-arbitrary: schema type "${String(def.type)}" is not supported; teach e2e/src/fuzz/zod-arbitrary.ts about it`);
  }
  return def as Def;
}

function checksOf(def: Def): CheckDef[] {
  return (def.checks ?? []).map((c) => c._zod.def);
}

function hasRefinement(def: Def): boolean {
  return checksOf(def).some((c) => c.check === 'custom');
}

export interface ZodArbitraryOptions {
  /** Years of generated dates and instants. */
  readonly years?: YearRange;
  /** Fix-ups for refinements random values rarely satisfy, keyed by the refined schema. */
  readonly repairs?: ReadonlyMap<ZodLike, (value: unknown) => unknown>;
  /** Largest array generated where the schema allows more (keeps runs fast). */
  readonly maxArray?: number;
}

/** Values `schema` accepts. */
export function validArbitrary(schema: ZodLike, options: ZodArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  let arb = baseArbitrary(def, options);
  const repair = options.repairs?.get(schema);
  if (repair) arb = arb.map(repair);
  // A refinement cannot be generated from; keep only what the refined node accepts.
  if (hasRefinement(def)) arb = arb.filter((v) => schema.safeParse(v).success);
  return arb;
}

function unsupportedCheck(where: string, check: CheckDef): never {
  throw new Error(`zod-arbitrary: check "${check.check}"${check.format ? ` (${check.format})` : ''} on ${where} is not supported`);
}

function baseArbitrary(def: Def, options: ZodArbitraryOptions): fc.Arbitrary<unknown> {
  const years = options.years ?? ALL_YEARS;
  switch (def.type) {
    case 'string':
      return stringArbitrary(def, years);
    case 'number':
      return numberArbitrary(def);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'unknown':
    case 'any':
      return fc.jsonValue({ maxDepth: 2 });
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries));
    case 'literal':
      return fc.constantFrom(...def.values);
    case 'optional':
      return fc.option(validArbitrary(def.innerType, options), { nil: undefined });
    case 'nullable':
      return fc.option(validArbitrary(def.innerType, options), { nil: null });
    case 'default':
      return fc.option(validArbitrary(def.innerType, options), { nil: undefined });
    case 'union':
      return fc.oneof(...def.options.map((o) => validArbitrary(o, options)));
    case 'record': {
      const keys = validArbitrary(def.keyType, options).filter((k): k is string => typeof k === 'string');
      return fc.dictionary(keys, validArbitrary(def.valueType, options), { maxKeys: 4 });
    }
    case 'array': {
      let min = 0;
      let max: number | undefined;
      for (const c of checksOf(def)) {
        if (c.check === 'min_length') min = c.minimum ?? 0;
        else if (c.check === 'max_length') max = c.maximum;
        else if (c.check === 'length_equals') min = max = c.length ?? 0;
        else if (c.check !== 'custom') unsupportedCheck('an array', c);
      }
      const cap = Math.max(min, options.maxArray ?? 4);
      return fc.array(validArbitrary(def.element, options), { minLength: min, maxLength: Math.min(max ?? cap, cap) });
    }
    case 'object': {
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const required: string[] = [];
      for (const [key, field] of Object.entries(def.shape)) {
        const fieldDef = defOf(field);
        if (fieldDef.type === 'optional' || fieldDef.type === 'default') {
          // Absent or present; never present-but-undefined (JSON has no undefined).
          model[key] = validArbitrary(fieldDef.innerType, options);
        } else {
          model[key] = validArbitrary(field, options);
          required.push(key);
        }
      }
      return fc.record(model, { requiredKeys: required });
    }
  }
}

function stringArbitrary(def: Extract<Def, { type: 'string' }>, years: YearRange): fc.Arbitrary<string> {
  let min = 0;
  let max = 2 ** 20;
  const patterns: RegExp[] = [];
  let format: string | undefined = def.format;
  if (def.pattern) patterns.push(def.pattern);
  for (const c of checksOf(def)) {
    if (c.check === 'min_length') min = c.minimum ?? 0;
    else if (c.check === 'max_length') max = c.maximum ?? max;
    else if (c.check === 'length_equals') min = max = c.length ?? 0;
    else if (c.check === 'string_format') {
      if (c.format !== 'regex') format = c.format;
      if (c.pattern) patterns.push(c.pattern);
    } else if (c.check !== 'custom') unsupportedCheck('a string', c);
  }
  const fits = (s: string) => s.length >= min && s.length <= max && patterns.every((p) => new RegExp(p.source, p.flags).test(s));
  let arb: fc.Arbitrary<string>;
  switch (format) {
    case undefined:
      arb = patterns.length > 0 ? fc.stringMatching(patterns[0]!, { maxLength: Math.min(max, 200) }) : text(min, max);
      break;
    case 'datetime':
      arb = isoInstant(years, { offset: def.offset ?? false, local: def.local ?? false, precision: def.precision ?? null });
      break;
    case 'date':
      arb = localDate(years);
      break;
    case 'uuid':
    case 'guid':
      arb = fc.uuid({ version: 4 });
      break;
    case 'email':
      arb = emailAddress;
      break;
    case 'url':
      arb = fc.webUrl();
      break;
    default:
      throw new Error(`zod-arbitrary: string format "${format}" is not supported`);
  }
  return arb.filter(fits);
}

function numberArbitrary(def: Extract<Def, { type: 'number' }>): fc.Arbitrary<number> {
  let integer = false;
  let min = -Number.MAX_SAFE_INTEGER;
  let max = Number.MAX_SAFE_INTEGER;
  let minExcluded = false;
  let maxExcluded = false;
  for (const c of checksOf(def)) {
    if (c.check === 'number_format') integer = c.format === 'safeint' || c.format === 'int32' || c.format === 'uint32';
    else if (c.check === 'greater_than') [min, minExcluded] = [c.value ?? min, c.inclusive === false];
    else if (c.check === 'less_than') [max, maxExcluded] = [c.value ?? max, c.inclusive === false];
    else if (c.check !== 'custom') unsupportedCheck('a number', c);
  }
  if (integer) return fc.integer({ min: minExcluded ? Math.floor(min) + 1 : Math.ceil(min), max: maxExcluded ? Math.ceil(max) - 1 : Math.floor(max) });
  return fc.double({ min, max, minExcluded, maxExcluded, noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
}

// ---------------------------------------------------------------- mutations

/** One way to make a valid value invalid, and the rule it breaks. */
export interface Mutation {
  readonly path: Path;
  readonly kind: 'missing' | 'wrong_type' | 'too_big' | 'too_small' | 'not_integer' | 'bad_format' | 'bad_enum';
  /** The value put at `path`; REMOVE drops the key. */
  readonly replacement: unknown;
}

/** JSON types a schema accepts (undefined: any). */
function acceptedTypes(schema: ZodLike): Set<JsonType> | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return new Set(['string']);
    case 'number':
      return new Set(['number', 'integer']);
    case 'boolean':
      return new Set(['boolean']);
    case 'null':
      return new Set(['null']);
    case 'object':
    case 'record':
      return new Set(['object']);
    case 'array':
      return new Set(['array']);
    case 'enum':
      return new Set(Object.values(def.entries).map((v) => jsonTypeOf(v)));
    case 'literal':
      return new Set(def.values.map((v) => jsonTypeOf(v)));
    case 'optional':
    case 'default':
      return acceptedTypes(def.innerType);
    case 'nullable': {
      const inner = acceptedTypes(def.innerType);
      return inner && new Set([...inner, 'null']);
    }
    case 'union': {
      const all = new Set<JsonType>();
      for (const o of def.options) {
        const t = acceptedTypes(o);
        if (!t) return undefined;
        for (const x of t) all.add(x);
      }
      return all;
    }
    case 'unknown':
    case 'any':
      return undefined;
  }
}

const BAD_FORMAT_CANDIDATES = ['', ' ', '不合法的值 !', '@@@', '2024-13-45T25:61:00', '-leading', 'UPPER CASE', '0'];

/**
 * Every mutation of `value` (valid under `schema`) this file knows: drop a
 * required field, a wrong JSON type, a number out of range or not an
 * integer, an over-long or too-short string, a string of the wrong format,
 * a value outside an enum, too many or too few array items.
 */
export function mutationsOf(schema: ZodLike, value: unknown, path: Path = []): Mutation[] {
  const def = defOf(schema);
  const out: Mutation[] = [];
  const types = acceptedTypes(schema);
  if (types) {
    // One wrong-typed value per node is enough; keep the one JSON type that is "furthest".
    const wrong = WRONG_TYPED.filter((w) => !types.has(w.type));
    const pick = wrong[path.length % Math.max(1, wrong.length)];
    if (pick) out.push({ path, kind: 'wrong_type', replacement: pick.value });
  }
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
      if (value !== undefined && value !== null) out.push(...mutationsOf(def.innerType, value, path).filter((m) => m.kind !== 'wrong_type' || m.path !== path));
      break;
    case 'string': {
      const s = value as string;
      const checks = checksOf(def);
      const patterns = [...(def.pattern ? [def.pattern] : []), ...checks.flatMap((c) => (c.check === 'string_format' && c.pattern ? [c.pattern] : []))];
      for (const c of checks) {
        if (c.check === 'max_length' && c.maximum !== undefined) out.push({ path, kind: 'too_big', replacement: 'a'.repeat(c.maximum + 1) });
        if (c.check === 'min_length' && (c.minimum ?? 0) > 0) out.push({ path, kind: 'too_small', replacement: s.slice(0, (c.minimum ?? 1) - 1) });
      }
      if (patterns.length > 0) {
        const bad = BAD_FORMAT_CANDIDATES.find((cand) => patterns.some((p) => !new RegExp(p.source, p.flags).test(cand)));
        if (bad !== undefined) out.push({ path, kind: 'bad_format', replacement: bad });
      }
      break;
    }
    case 'number': {
      const checks = checksOf(def);
      const lower = checks.find((c) => c.check === 'greater_than')?.value;
      for (const c of checks) {
        if (c.check === 'greater_than' && c.value !== undefined) out.push({ path, kind: 'too_small', replacement: c.value - 1 });
        if (c.check === 'less_than' && c.value !== undefined) out.push({ path, kind: 'too_big', replacement: c.value + 1 });
        // Near the lower bound, where a fraction is representable (n + 0.5 is not, close to 2^53).
        if (c.check === 'number_format') out.push({ path, kind: 'not_integer', replacement: (lower ?? 0) + 0.5 });
      }
      break;
    }
    case 'enum':
      out.push({ path, kind: 'bad_enum', replacement: '不存在的取值' });
      break;
    case 'literal':
      if (def.values.every((v) => typeof v === 'string')) out.push({ path, kind: 'bad_enum', replacement: `${String(def.values[0])}-不是` });
      break;
    case 'array': {
      const items = value as unknown[];
      for (const c of checksOf(def)) {
        if (c.check === 'max_length' && c.maximum !== undefined && items.length > 0 && c.maximum < 600) {
          out.push({ path, kind: 'too_big', replacement: Array.from({ length: c.maximum + 1 }, (_, i) => items[i % items.length]) });
        }
        if (c.check === 'min_length' && (c.minimum ?? 0) > 0) out.push({ path, kind: 'too_small', replacement: items.slice(0, (c.minimum ?? 1) - 1) });
      }
      items.slice(0, 2).forEach((item, i) => out.push(...mutationsOf(def.element, item, [...path, i])));
      break;
    }
    case 'object': {
      const obj = value as Record<string, unknown>;
      for (const [key, field] of Object.entries(def.shape)) {
        const fieldType = defOf(field).type;
        const optional = fieldType === 'optional' || fieldType === 'default';
        if (!optional && key in obj) out.push({ path: [...path, key], kind: 'missing', replacement: REMOVE });
        // Recursing into an absent optional field still offers its wrong-typed value.
        out.push(...mutationsOf(field, obj[key], [...path, key]));
      }
      break;
    }
    case 'union':
      // Only a discriminated union says which option a value is; descend into that one.
      if (def.discriminator !== undefined && typeof value === 'object' && value !== null) {
        const tag = (value as Record<string, unknown>)[def.discriminator];
        const option = def.options.find((o) => {
          const d = defOf(o);
          return d.type === 'object' && d.shape[def.discriminator!] !== undefined && d.shape[def.discriminator!]!.safeParse(tag).success;
        });
        if (option) out.push(...mutationsOf(option, value, path).filter((m) => m.path !== path));
      }
      break;
    case 'record':
    case 'boolean':
    case 'null':
    case 'unknown':
    case 'any':
      break;
  }
  return out;
}

export function applyMutation(root: unknown, mutation: Mutation): unknown {
  return setAt(root, mutation.path, mutation.replacement);
}

export interface Mutated {
  readonly valid: unknown;
  readonly mutation: Mutation;
  readonly value: unknown;
}

/** A valid value with exactly one mutation applied. */
export function invalidArbitrary(schema: ZodLike, options: ZodArbitraryOptions = {}): fc.Arbitrary<Mutated> {
  return validArbitrary(schema, options).chain((valid) => {
    const mutations = mutationsOf(schema, valid);
    if (mutations.length === 0) throw new Error(`zod-arbitrary: no mutation known for ${JSON.stringify(valid)}`);
    return fc.constantFrom(...mutations).map((mutation) => ({ valid, mutation, value: applyMutation(valid, mutation) }));
  });
}

/** The issue paths of a failed parse, dotted as the contracts print them. */
export function issuePaths(schema: ZodLike, value: unknown): string[] | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : (result.error?.issues ?? []).map((i) => dotted(i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))));
}

export { dotted };
