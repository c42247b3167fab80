import { z } from 'zod';

/**
 * The largest value of a PostgreSQL `integer` (int4), the type of every
 * `version` column. zod's `.int()` alone allows up to 2^53 − 1, which the
 * database refuses ("value out of range for type integer"): a larger
 * version would reach `WHERE id AND version` and answer 500 instead of 400.
 */
export const MAX_VERSION = 2_147_483_647;

/** The version the client read (optimistic concurrency): a stale one answers 409. */
export const Version = z.number().int().min(1).max(MAX_VERSION).meta({ description: '当前版本号（乐观锁） / The version the client read (optimistic concurrency)' });
