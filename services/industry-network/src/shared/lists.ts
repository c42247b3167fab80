import type { Page, PageQuery } from '@tjc/runtime';

/** The list response every endpoint shares: `{ items, total, limit, offset }`. */
export function pageOf<T>(items: readonly T[], total: number, query: PageQuery): Page<T> {
  return { items, total, limit: query.limit, offset: query.offset };
}

/** A `sortParam` result as a Prisma `orderBy`, with the id as tie-breaker so pages are stable. */
export function orderByOf<F extends string>(sort: { field: F; direction: 'asc' | 'desc' }): [{ [K in F]: 'asc' | 'desc' }, { id: 'asc' }] {
  return [{ [sort.field]: sort.direction } as { [K in F]: 'asc' | 'desc' }, { id: 'asc' }];
}
