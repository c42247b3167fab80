import { ConflictException, NotFoundException } from '@nestjs/common';
import { z } from 'zod';

/** Every update names the version it was made against (optimistic concurrency). */
/**
 * At most the largest PostgreSQL `integer` (int4), the type of the `version`
 * columns: zod's `.int()` alone allows up to 2^53 − 1, which the documented
 * range would promise and the database cannot store or compare.
 */
export const MAX_VERSION = 2_147_483_647;
export const ExpectedVersion = z.number().int().min(1).max(MAX_VERSION).meta({ description: '客户端读取到的版本号 / The version the change was made against' });

function stale(label: string, currentVersion: number): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `${label}已被他人修改，请刷新后重试 (stale version)`,
    currentVersion,
  });
}

/** Refuses a change made against an older version of the record. */
export function assertVersion(label: string, currentVersion: number, expected: number): void {
  if (currentVersion !== expected) throw stale(label, currentVersion);
}

/**
 * Checks the result of `updateMany({ where: { id, version } })`: 0 rows means
 * someone committed between our read and our write, so the caller's view is
 * stale even though the version matched when we read it.
 */
export function assertUpdated(label: string, count: number, expected: number): void {
  if (count === 0) throw stale(label, expected + 1);
}

export function notFound(label: string, id: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message: `${label}不存在: ${id}` });
}
