import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import type { FieldError } from '@tjc/runtime';

export function notFound(entity: string, id: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message: `${entity} ${id} not found` });
}

/** Optimistic concurrency: the client edited an older version than the one stored. */
export function staleVersion(entity: string, id: string, currentVersion: number): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `${entity} ${id} was changed by someone else (current version ${currentVersion}); reload and retry`,
    currentVersion,
  });
}

/**
 * A business rule broken by a field of an otherwise well-formed request, in
 * the same body shape as the validation pipe's, so a UI shows it next to
 * the field (e.g. `expertIds.2` / `conflict_of_interest`).
 */
export function ruleViolation(errors: readonly FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: errors.map((e) => `${e.path || '<body>'}: ${e.message}`).join('; '),
    errors,
  });
}
