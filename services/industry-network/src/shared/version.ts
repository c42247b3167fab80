import { z } from 'zod';

/** Every change to an existing record carries the version the client read (optimistic concurrency). */
/**
 * At most the largest PostgreSQL `integer` (int4), the type of the `version`
 * columns: zod's `.int()` alone allows up to 2^53 − 1, which the documented
 * range would promise and the database cannot store or compare.
 */
export const MAX_VERSION = 2_147_483_647;

export const Version = z.number().int().min(1).max(MAX_VERSION).meta({ description: '客户端读取时的版本号（乐观并发） / The version the client read (optimistic concurrency)' });
