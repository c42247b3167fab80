/**
 * The compatibility checker itself: it must pass additive changes and fail
 * every kind of breaking change, including on a real catalogue schema.
 * Real: zod, the JSON Schema generator and the checker. Faked: nothing.
 */
import { z } from 'zod';
import { CATALOGUE } from '../src/catalogue';
import { defineEvent } from '../src/define-event';
import { checkBackwardCompatible } from './compatibility';
import { eventJsonSchema } from './json-schemas';

const found = CATALOGUE['research.project.found.v1'];
// A variant of a real event with another data schema (as a later version would have).
const withData = (data: z.ZodType) => eventJsonSchema(defineEvent({ ...found, data, subjectOf: found.subjectOf as (d: unknown) => string, headlineOf: found.headlineOf as (d: unknown) => string | null, version: '1.1', examples: found.examples as never }));
const base = eventJsonSchema(found);
const baseData = found.data;

describe('checkBackwardCompatible', () => {
  it('accepts the identical schema', () => {
    expect(checkBackwardCompatible(base, base)).toEqual([]);
  });

  it('accepts an additive optional field (a minor version)', () => {
    expect(checkBackwardCompatible(base, withData(baseData.extend({ patentCount: z.number().int().optional() })))).toEqual([]);
  });

  it('accepts a widened enum and a relaxed bound', () => {
    const older = { type: 'object', properties: { k: { type: 'string', enum: ['a', 'b'] }, n: { type: 'integer', maximum: 9 } } };
    const newer = { type: 'object', properties: { k: { type: 'string', enum: ['a', 'b', 'c'] }, n: { type: 'number', maximum: 10 } } };
    expect(checkBackwardCompatible(older, newer)).toEqual([]);
  });

  it('FAILS on a breaking change to a real event: a new required field', () => {
    const broken = withData(baseData.extend({ leadScientist: z.string() }));
    expect(checkBackwardCompatible(base, broken)).toEqual([expect.objectContaining({ path: '$.data.leadScientist', problem: 'new required property "leadScientist"' })]);
  });

  it('FAILS when a field changes type', () => {
    const broken = withData(baseData.extend({ trl: z.string() }));
    expect(checkBackwardCompatible(base, broken).map((p) => p.path)).toContain('$.data.trl');
  });

  it('FAILS when an enum value is removed', () => {
    const broken = withData(baseData.extend({ field: z.enum(['biomedicine', 'new-energy']) }));
    const problems = checkBackwardCompatible(base, broken);
    expect(problems.some((p) => p.path === '$.data.field' && p.problem.includes('"integrated-circuits" was removed'))).toBe(true);
  });

  it('FAILS when a length bound tightens or a pattern changes', () => {
    expect(checkBackwardCompatible({ type: 'string', maxLength: 200 }, { type: 'string', maxLength: 100 })).toHaveLength(1);
    expect(checkBackwardCompatible({ type: 'string', pattern: '^a' }, { type: 'string', pattern: '^b' })).toHaveLength(1);
  });

  it('FAILS when an alternative of a union is dropped', () => {
    const older = { anyOf: [{ type: 'string' }, { type: 'number' }] };
    expect(checkBackwardCompatible(older, { anyOf: [{ type: 'string' }] })).toHaveLength(1);
  });
});
