import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncApiYaml } from './asyncapi';
import { currentSchemas, type JsonSchema } from './json-schemas';

/**
 * Files generated from the catalogue and checked in:
 *   asyncapi.yaml                       the AsyncAPI 3 document
 *   schemas/current/<type>.json         JSON Schema of each event type now
 *   schemas/history/<type>/<ver>.json   frozen schema of every published version
 *   fixtures/<type>/<ver>.json          examples of that version, decoded by tests forever
 */
export const CONTRACTS_ROOT = join(__dirname, '..');
const path = (...p: string[]) => join(CONTRACTS_ROOT, ...p);
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

export function generatedFiles(): GeneratedFile[] {
  const files: GeneratedFile[] = [{ path: path('asyncapi.yaml'), content: asyncApiYaml() }];
  for (const [type, { schema }] of currentSchemas()) files.push({ path: path('schemas', 'current', `${type}.json`), content: json(schema) });
  return files;
}

export function frozenVersions(type: string): { version: string; schema: JsonSchema; fixtures: unknown[] }[] {
  const dir = path('schemas', 'history', type);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const version = f.slice(0, -'.json'.length);
      const fixturesFile = path('fixtures', type, `${version}.json`);
      return {
        version,
        schema: JSON.parse(readFileSync(join(dir, f), 'utf8')) as JsonSchema,
        fixtures: existsSync(fixturesFile) ? (JSON.parse(readFileSync(fixturesFile, 'utf8')) as unknown[]) : [],
      };
    });
}

/** Freezes the current version of every type that has no frozen copy yet. */
export function freezeNewVersions(): string[] {
  const frozen: string[] = [];
  for (const [type, { def, schema }] of currentSchemas()) {
    const file = path('schemas', 'history', type, `${def.version}.json`);
    if (existsSync(file)) continue;
    mkdirSync(path('schemas', 'history', type), { recursive: true });
    mkdirSync(path('fixtures', type), { recursive: true });
    writeFileSync(file, json(schema));
    // Partner examples are fixtures too: a later version must still decode what partners were shown.
    writeFileSync(path('fixtures', type, `${def.version}.json`), json([...def.examples, ...(def.partnerExamples ?? []).map((p) => p.data)]));
    frozen.push(`${type}@${def.version}`);
  }
  return frozen;
}

export function writeGenerated(): number {
  let written = 0;
  for (const f of generatedFiles()) {
    mkdirSync(join(f.path, '..'), { recursive: true });
    if (existsSync(f.path) && readFileSync(f.path, 'utf8') === f.content) continue;
    writeFileSync(f.path, f.content);
    written++;
  }
  return written;
}
