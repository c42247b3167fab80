import { BadRequestException, StandardSchemaValidationPipe } from '@nestjs/common';

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
