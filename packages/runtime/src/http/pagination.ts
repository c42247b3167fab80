import { z } from 'zod';

/** Query parameters of every list endpoint. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PageQuery = z.infer<typeof PageQuery>;

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** `sort=field` or `sort=-field` against an allow-list of fields. */
export function sortParam<const F extends readonly [string, ...string[]]>(fields: F, fallback: `${'-' | ''}${F[number]}`) {
  return z
    .string()
    .regex(new RegExp(`^-?(${fields.join('|')})$`), `must be one of ${fields.join(', ')}, optionally prefixed with - for descending`)
    .default(fallback)
    .transform((s) => ({ field: s.replace(/^-/, '') as F[number], direction: s.startsWith('-') ? ('desc' as const) : ('asc' as const) }));
}
