import type { JsonSchema } from './json-schemas';

/**
 * Backward-compatibility check between two JSON Schemas of one event type:
 * is every event valid under `older` also valid under `newer`? If so, events
 * already published (and fixtures of older versions) still parse with the
 * current code. Conservative: what it cannot prove safe, it reports.
 *
 * Covers the subset zod emits: type, properties/required/additionalProperties,
 * items, enum/const, anyOf/oneOf, numeric and length bounds, pattern, format.
 */
export interface Incompatibility {
  readonly path: string;
  readonly problem: string;
}

type S = JsonSchema;

const asSchema = (v: unknown): S | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as S) : undefined);
const typesOf = (s: S): string[] | undefined => {
  const t = s['type'];
  if (t === undefined) return undefined;
  const list = Array.isArray(t) ? (t as string[]) : [t as string];
  // "integer" values are also "number" values.
  return list;
};

export function checkBackwardCompatible(older: S, newer: S, path = '$'): Incompatibility[] {
  const out: Incompatibility[] = [];
  const push = (problem: string, at = path) => out.push({ path: at, problem });

  const newerBranches = (newer['anyOf'] ?? newer['oneOf']) as S[] | undefined;
  const olderBranches = (older['anyOf'] ?? older['oneOf']) as S[] | undefined;
  if (olderBranches) {
    olderBranches.forEach((branch, i) => {
      const candidates = newerBranches ?? [newer];
      if (!candidates.some((c) => checkBackwardCompatible(branch, c, path).length === 0)) {
        push(`alternative #${i} of the older schema is accepted by no alternative of the newer one`);
      }
    });
    return out;
  }
  if (newerBranches) {
    if (!newerBranches.some((c) => checkBackwardCompatible(older, c, path).length === 0)) {
      push('the older schema fits none of the newer alternatives');
    }
    return out;
  }

  const ot = typesOf(older);
  const nt = typesOf(newer);
  if (nt) {
    if (!ot) push(`type narrowed from any to ${nt.join('|')}`);
    else
      for (const t of ot) {
        const accepted = nt.includes(t) || (t === 'integer' && nt.includes('number'));
        if (!accepted) push(`type "${t}" is no longer accepted (now ${nt.join('|')})`);
      }
  }

  if ('const' in newer && JSON.stringify(newer['const']) !== JSON.stringify(older['const'])) {
    const olderEnum = older['enum'] as unknown[] | undefined;
    if (!(olderEnum && olderEnum.length === 1 && JSON.stringify(olderEnum[0]) === JSON.stringify(newer['const']))) {
      push(`const changed to ${JSON.stringify(newer['const'])}`);
    }
  }
  const newerEnum = newer['enum'] as unknown[] | undefined;
  if (newerEnum) {
    const olderValues = (older['enum'] as unknown[] | undefined) ?? ('const' in older ? [older['const']] : undefined);
    if (!olderValues) push('enum added where any value was accepted');
    else
      for (const v of olderValues) {
        if (!newerEnum.some((n) => JSON.stringify(n) === JSON.stringify(v))) push(`enum value ${JSON.stringify(v)} was removed`);
      }
  }

  const lower = (k: string) => {
    const n = newer[k] as number | undefined;
    const o = older[k] as number | undefined;
    if (n !== undefined && (o === undefined || n > o)) push(`${k} raised to ${n}${o === undefined ? ' (was unbounded)' : ` (was ${o})`}`);
  };
  const upper = (k: string) => {
    const n = newer[k] as number | undefined;
    const o = older[k] as number | undefined;
    if (n !== undefined && (o === undefined || n < o)) push(`${k} lowered to ${n}${o === undefined ? ' (was unbounded)' : ` (was ${o})`}`);
  };
  lower('minimum');
  lower('exclusiveMinimum');
  lower('minLength');
  lower('minItems');
  lower('minProperties');
  upper('maximum');
  upper('exclusiveMaximum');
  upper('maxLength');
  upper('maxItems');
  upper('maxProperties');
  for (const k of ['pattern', 'format', 'multipleOf'] as const) {
    if (newer[k] !== undefined && newer[k] !== older[k]) push(`${k} changed to ${JSON.stringify(newer[k])}`);
  }

  // Objects: no new required field; every older property still accepted.
  const newerRequired = new Set((newer['required'] as string[] | undefined) ?? []);
  const olderRequired = new Set((older['required'] as string[] | undefined) ?? []);
  for (const r of newerRequired) if (!olderRequired.has(r)) push(`new required property "${r}"`, `${path}.${r}`);
  const newerProps = asSchema(newer['properties']) ?? {};
  const olderProps = asSchema(older['properties']) ?? {};
  for (const [name, olderProp] of Object.entries(olderProps)) {
    const newerProp = asSchema(newerProps[name]);
    if (newerProp) out.push(...checkBackwardCompatible(asSchema(olderProp) ?? {}, newerProp, `${path}.${name}`));
    else if (newer['additionalProperties'] === false) push(`property "${name}" was removed and extra properties are refused`, `${path}.${name}`);
  }
  if (newer['additionalProperties'] === false && older['additionalProperties'] !== false) {
    push('additional properties are now refused');
  }

  const newerItems = asSchema(newer['items']);
  const olderItems = asSchema(older['items']);
  if (newerItems) out.push(...checkBackwardCompatible(olderItems ?? {}, newerItems, `${path}[]`));

  return out;
}
