import { isUnstorable } from '../text/storable-text';
import { BadRequestException, StandardSchemaValidationPipe, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

export interface FieldError {
  /** Dotted path of the field in the request part, e.g. `institution.region`. */
  readonly path: string;
  /** The rule broken, e.g. `too_small`, `invalid_value`. */
  readonly rule: string;
  readonly message: string;
}

/**
 * The platform's validation pipe: request parts declared with a zod schema
 * (`@Body({ schema })`, `@Query({ schema })`) are validated, transformed, and
 * documented in OpenAPI by @nestjs/swagger. Errors answer 400 with each
 * field's path and the rule it broke, so a UI can show them next to the field.
 */
export function createValidationPipe(): StandardSchemaValidationPipe {
  return new StandardSchemaValidationPipe({
    transform: true,
    exceptionFactory: (issues) => {
      const errors: FieldError[] = issues.map((issue) => ({
        path: (issue.path ?? []).map((p) => (typeof p === 'object' && p !== null && 'key' in p ? String(p.key) : String(p))).join('.'),
        // zod's Standard Schema issues are zod issues and keep their `code`.
        rule: String((issue as { code?: unknown }).code ?? 'invalid'),
        message: issue.message,
      }));
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: errors.map((e) => `${e.path || '<body>'}: ${e.message}`).join('; '),
        errors,
      });
    },
  });
}

function findUnstorable(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return isUnstorable(value) ? path : undefined;
  // Deeper than any request schema nests; the validation pipe refuses the shape anyway.
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (isUnstorable(key)) return childPath;
    const found = findUnstorable(child, childPath, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

const MAX_ID_LENGTH = 128;

/**
 * Runs before the validation pipe on every body, query and path parameter,
 * including those declared without a schema (`@Param('id')`), so such text is
 * a 400 naming the field instead of a database error answered as 500.
 */
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const root = metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param' ? (metadata.data ?? '') : undefined;
    if (root === undefined) return value;
    // A single path parameter (`@Param('id')`) is always a record id, at most
    // 128 characters by the contracts: longer is a 400 naming it, not a 404.
    if (metadata.type === 'param' && typeof value === 'string' && value.length > MAX_ID_LENGTH) {
      const error: FieldError = { path: root, rule: 'too_big', message: `must be at most ${MAX_ID_LENGTH} characters` };
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `${root}: ${error.message}`, errors: [error] });
    }
    const path = findUnstorable(value, root);
    if (path === undefined) return value;
    const error: FieldError = { path, rule: 'invalid_character', message: 'contains a character that cannot be stored (NUL or an unpaired UTF-16 surrogate)' };
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `${path || '<body>'}: ${error.message}`, errors: [error] });
  }
}
