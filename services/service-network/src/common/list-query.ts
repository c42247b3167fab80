import { z } from 'zod';

/** `?funded=true|false`: query strings are text, so booleans are spelled out. */
export const BooleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A free-text filter (title / name contains, case-insensitive). */
export const SearchText = z.string().trim().min(1).max(100);

export interface PageResult<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}
