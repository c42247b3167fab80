/**
 * Offline validation of rendered objects against the vendored schemas (schemas/SOURCES.md):
 * Kubernetes' own OpenAPI definitions for built-in kinds, the operators' CRD schemas
 * (openAPIV3Schema) for Strimzi and CloudNativePG kinds.
 *
 * Strict, as the API server is with field validation `Strict` (kubectl's default since
 * 1.27): a field a schema does not declare is an error (a typo such as `spec.replica` is not
 * silently dropped), except where the schema says `x-kubernetes-preserve-unknown-fields` or
 * gives `additionalProperties` itself. The published schemas leave objects open, so the
 * strictness is added here, when they are loaded, as kubeconform's -strict does.
 * The translations of Kubernetes' own extensions are the only other changes:
 * `int-or-string` (format, or x-kubernetes-int-or-string) accepts an integer or a string.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { K8sObject } from './model';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** What the API server requires of most objects' names (the schemas do not say it). */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const SCHEMAS = join(__dirname, '..', 'schemas');

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Closes open objects and translates int-or-string; `properties` maps are walked as maps, not schemas. */
export function strictSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(strictSchema);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(schema)) {
    if (key === 'properties' || key === 'definitions' || key === 'patternProperties') {
      const map: JsonObject = {};
      for (const [name, sub] of Object.entries(isObject(child) ? child : {})) map[name] = strictSchema(sub);
      out[key] = map;
    } else out[key] = strictSchema(child);
  }
  const intOrString = schema['x-kubernetes-int-or-string'] === true || schema['format'] === 'int-or-string';
  if (intOrString) {
    delete out['type'];
    delete out['format'];
    out['anyOf'] = [{ type: 'integer' }, { type: 'string' }];
  }
  const open = schema['x-kubernetes-preserve-unknown-fields'] === true || 'additionalProperties' in schema;
  if (isObject(schema['properties']) && !open) out['additionalProperties'] = false;
  return out;
}

interface CrdFile {
  readonly group: string;
  readonly kind: string;
  readonly versions: Record<string, Json>;
}

const CRD_FILES = [
  'strimzi/kafka.json',
  'strimzi/kafkatopic.json',
  'strimzi/kafkauser.json',
  'strimzi/kafkanodepool.json',
  'cnpg/cluster.json',
  'cnpg/database.json',
];

/** apiVersion/kind → compiled validator; built once per process (compiling takes ~1 s). */
export class ManifestValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(schemaDir: string = SCHEMAS) {
    // Formats (int32, date-time, …) are not checked: Kubernetes' own decoding checks them, and ajv
    // knows none of Kubernetes' (quantity, int-or-string). Types, enums, patterns and bounds are.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const k8s = JSON.parse(readFileSync(join(schemaDir, 'kubernetes.json'), 'utf8')) as { definitions: JsonObject };
    const definitions = strictSchema(k8s.definitions) as JsonObject;
    ajv.addSchema({ $id: 'k8s', definitions });
    const objectMeta: Json = { $ref: 'k8s#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' };
    for (const [name, def] of Object.entries(definitions)) {
      if (!isObject(def)) continue;
      const gvks = def['x-kubernetes-group-version-kind'];
      if (!Array.isArray(gvks)) continue;
      for (const gvk of gvks) {
        if (!isObject(gvk) || typeof gvk['kind'] !== 'string' || typeof gvk['version'] !== 'string') continue;
        const apiVersion = gvk['group'] ? `${String(gvk['group'])}/${gvk['version']}` : gvk['version'];
        this.validators.set(`${apiVersion}/${gvk['kind']}`, ajv.compile({ $ref: `k8s#/definitions/${name}` }));
      }
    }
    for (const file of CRD_FILES) {
      const crd = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as CrdFile;
      for (const [version, raw] of Object.entries(crd.versions)) {
        const schema = strictSchema(raw);
        // The API server validates a custom resource's metadata as ObjectMeta; the CRD says only `type: object`.
        if (isObject(schema) && isObject(schema['properties'])) schema['properties']['metadata'] = objectMeta;
        this.validators.set(`${crd.group}/${version}/${crd.kind}`, ajv.compile(schema as JsonObject));
      }
    }
  }

  /** The problems of one object, each naming the object, the field and the rule; empty when valid. */
  problems(object: K8sObject): string[] {
    const id = `${object.kind}/${object.metadata?.name ?? '<no name>'}`;
    const validate = this.validators.get(`${object.apiVersion}/${object.kind}`);
    if (!validate) return [`${id}: no schema for ${object.apiVersion} ${object.kind} (vendored: ${[...this.validators.keys()].length} kinds)`];
    const problems: string[] = [];
    if (!object.metadata?.name) problems.push(`${id}: metadata.name is required`);
    else if (!DNS_SUBDOMAIN.test(object.metadata.name) || object.metadata.name.length > 253) {
      problems.push(`${id}: metadata.name must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')`);
    }
    if (!validate(object)) problems.push(...(validate.errors ?? []).map((e) => `${id}: ${describe(e)}`));
    return problems;
  }

  kinds(): string[] {
    return [...this.validators.keys()].sort();
  }
}

function describe(error: ErrorObject): string {
  const at = error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : '(root)';
  if (error.keyword === 'additionalProperties') return `${at}: unknown field "${String((error.params as { additionalProperty: string }).additionalProperty)}"`;
  return `${at}: ${error.message ?? error.keyword}`;
}
