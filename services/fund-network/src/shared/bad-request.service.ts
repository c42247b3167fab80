import { BadRequestException } from '@nestjs/common';
import type { FieldError } from '@tjc/runtime';

/**
 * A 400 for a rule that needs the database to check (e.g. an amount above
 * the grant), in the same body shape the validation pipe uses, so a UI shows
 * it next to the field like any other validation error.
 */
export function invalidField(path: string, rule: string, message: string): BadRequestException {
  const errors: FieldError[] = [{ path, rule, message }];
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `${path}: ${message}`, errors });
}
