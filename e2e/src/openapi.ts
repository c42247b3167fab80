/**
 * The HTTP endpoints of a running service, read from its OpenAPI document
 * (`GET /docs/json`): the authorization matrix and the fuzz suite both
 * cover "every endpoint" from this one list, so a new route is picked up by
 * both without editing either.
 */
import type { ServiceAddress } from './platform';

/** The subset of OpenAPI 3 the suites read. */
export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'query' | 'path' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}
export interface OpenApiOperation {
  readonly operationId?: string;
  readonly description?: string;
  readonly summary?: string;
  readonly parameters?: readonly OpenApiParameter[];
  readonly requestBody?: { readonly required?: boolean; readonly content: Readonly<Record<string, { readonly schema?: JsonSchema }>> };
}
/** A JSON Schema as the services' documents spell them (draft-07 subset, plus OpenAPI's `nullable`). */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  /** Each item at most once (services that refuse duplicates say so). */
  readonly uniqueItems?: boolean;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number | boolean;
  readonly exclusiveMaximum?: number | boolean;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly nullable?: boolean;
  readonly default?: unknown;
  readonly description?: string;
}

export interface Endpoint {
  readonly service: string;
  readonly baseUrl: string;
  readonly method: string;
  /** OpenAPI path template, e.g. `/projects/{id}/reviews`. */
  readonly path: string;
  readonly operation: OpenApiOperation;
}

export async function openApiEndpoints(service: ServiceAddress): Promise<Endpoint[]> {
  const res = await fetch(`${service.url}/docs/json`);
  if (!res.ok) throw new Error(`${service.name}: GET /docs/json answered ${res.status}`);
  const doc = (await res.json()) as { paths: Record<string, Record<string, OpenApiOperation>> };
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ service: service.name, baseUrl: service.url, method: method.toUpperCase(), path, operation })),
  );
}
