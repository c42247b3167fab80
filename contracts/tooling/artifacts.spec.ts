/**
 * The checked-in contract artifacts are current, frozen versions are never
 * edited in place, every change is backward compatible with every earlier
 * version (transitively), and fixtures of every version still decode.
 * Real: the catalogue, the generators, ajv, the AsyncAPI parser. Faked: nothing.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Parser } from '@asyncapi/parser';
import { allDefinitions } from '../src/catalogue';
import { buildEvent } from '../src/build-event';
import { parseEvent } from '../src/validation';
import { frozenVersions, generatedFiles } from './artifacts';
import { checkBackwardCompatible } from './compatibility';
import { currentSchemas } from './json-schemas';
import { asyncApiYaml } from './asyncapi';

const FIX = 'run `pnpm --filter @tjc/contracts gen:artifacts` and commit the result';

describe('generated artifacts', () => {
  it.each(generatedFiles().map((f) => [f.path.split('/contracts/')[1]!, f] as const))('%s is current', (_name, file) => {
    let onDisk: string;
    try {
      onDisk = readFileSync(file.path, 'utf8');
    } catch {
      throw new Error(`${file.path} is missing: ${FIX}`);
    }
    if (onDisk !== file.content) throw new Error(`${file.path} is stale: ${FIX}`);
  });

  it('asyncapi.yaml is a valid AsyncAPI 3 document (real @asyncapi/parser)', async () => {
    const parser = new Parser();
    const { document, diagnostics } = await parser.parse(asyncApiYaml());
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    expect(document?.allMessages().length).toBe(allDefinitions().length);
    expect(document?.channels().all().map((c) => c.address())).toEqual(expect.arrayContaining(['tjc.research.events.v1', 'tjc.partner.inbound.v1']));
  });

  it('the parser rejects a broken AsyncAPI document (the check above can fail)', async () => {
    const { diagnostics } = await new Parser().parse(asyncApiYaml().replace('asyncapi: 3.0.0', 'asyncapi: 3.0.0\nchannels: 42'));
    expect(diagnostics.some((d) => d.severity === 0)).toBe(true);
  });
});

describe('JSON Schemas agree with the zod validators', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  it.each([...currentSchemas()].map(([type, v]) => [type, v] as const))('%s: every example envelope is valid JSON Schema-wise', (type, { def, schema }) => {
    const validate = ajv.compile(schema);
    for (const example of def.examples) {
      const event = JSON.parse(JSON.stringify(buildEvent(type as never, example as never, { source: def.publishers[0]!, time: '2024-06-18T10:00:00+08:00' })));
      const ok = validate(event);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
      // and the JSON Schema refuses what zod refuses: drop data
      expect(validate({ ...event, data: undefined })).toBe(false);
    }
  });
});

describe('evolution', () => {
  const current = currentSchemas();

  it.each([...current].map(([type, v]) => [type, v] as const))('%s: the current version is frozen and unchanged', (type, { def, schema }) => {
    const frozen = frozenVersions(type).find((v) => v.version === def.version);
    if (!frozen) throw new Error(`${type}@${def.version} is not frozen: run \`pnpm --filter @tjc/contracts freeze\` and commit`);
    if (JSON.stringify(frozen.schema) !== JSON.stringify(schema)) {
      throw new Error(`${type}@${def.version} was edited in place after it was published. Bump its version (minor for an additive change, a new .v<major> type for a breaking one) and run freeze.`);
    }
  });

  it.each([...current].map(([type, v]) => [type, v] as const))('%s: backward compatible with every frozen version, and their fixtures decode', (type, { schema }) => {
    const versions = frozenVersions(type);
    expect(versions.length).toBeGreaterThan(0);
    for (const old of versions) {
      expect({ version: old.version, problems: checkBackwardCompatible(old.schema, schema) }).toEqual({ version: old.version, problems: [] });
      expect(old.fixtures.length).toBeGreaterThan(0);
      for (const fixture of old.fixtures) {
        const def = current.get(type)!.def;
        const result = parseEvent({
          specversion: '1.0', id: 'fixture-1', source: def.publishers[0], type, subject: (def.subjectOf as (d: unknown) => string)(def.data.parse(fixture)),
          time: '2024-01-01T00:00:00+08:00', datacontenttype: 'application/json', dataschema: `urn:tjc:schema:${type}:${old.version}`,
          dataversion: old.version, region: 'tianjin', confidentiality: 'public', correlationId: 'fixture-1', data: fixture,
        });
        expect(result.ok ? 'decoded' : result.error.message).toBe('decoded');
      }
    }
  });
});
