import { z } from 'zod';
import { allDefinitions } from '../src/catalogue';
import type { EventDefinition } from '../src/define-event';
import { EnvelopeSchema } from '../src/envelope';

export type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema (draft-07, the dialect AsyncAPI 3 and most partner tooling
 * read) of one complete event of a type: the envelope with `type` fixed and
 * `data` inlined. Generated in "input" mode: it describes what a producer may
 * send (fields with defaults are optional).
 */
export function eventJsonSchema(def: EventDefinition): JsonSchema {
  const full = EnvelopeSchema.extend({ type: z.literal(def.type), data: def.data }).meta({
    title: `${def.type} (${def.title.zh} / ${def.title.en})`,
    description: def.description,
  });
  const schema = z.toJSONSchema(full, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return { ...schema, $id: `urn:tjc:schema:${def.type}:${def.version}` };
}

export function currentSchemas(): Map<string, { def: EventDefinition; schema: JsonSchema }> {
  return new Map(allDefinitions().map((def) => [def.type, { def, schema: eventJsonSchema(def) }]));
}
