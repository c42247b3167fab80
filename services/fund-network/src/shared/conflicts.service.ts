/**
 * The two 409 answers of the platform (docs/service-guide.md): an invalid
 * state transition, and a stale `version` (optimistic concurrency).
 */
import { ConflictException } from '@nestjs/common';
import { z } from 'zod';

/** The version the client last read; a write with another version is refused with 409. */
/**
 * At most the largest PostgreSQL `integer` (int4), the type of the `version`
 * columns: zod's `.int()` alone allows up to 2^53 − 1, which the documented
 * range would promise and the database cannot store or compare.
 */
export const MAX_VERSION = 2_147_483_647;
export const Version = z.number().int().min(1).max(MAX_VERSION).meta({ description: '乐观并发版本号：最后读取到的 version / Version last read (optimistic concurrency)' });

export function invalidTransition(message: string, currentState: string, allowedTransitions: readonly string[]): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', message, currentState, allowedTransitions });
}

export function staleVersion(entity: string, id: string, currentVersion: number): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `${entity} ${id} was changed by someone else (current version ${currentVersion}); reload and retry`,
    currentVersion,
  });
}

export function duplicate(message: string, detail: Record<string, unknown> = {}): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', message, ...detail });
}

