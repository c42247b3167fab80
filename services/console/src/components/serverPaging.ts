/**
 * Server-side paging for the console's lists (#19.1). The list endpoints take `limit` (1–200) and `offset` and answer
 * `{ items, total, limit, offset }`; a table asks for exactly the page it shows and shows the API's `total`, so no record
 * is unreachable and the count is the server's, not the length of what happened to be fetched.
 * Pure functions here, so the rules are unit-tested without a DOM; `useRecords` wires them to React state and react-query.
 */
import type { Query } from '../api/client';

/** The API's bound on `limit` (packages/runtime/src/http/pagination.ts). */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZE_OPTIONS = [10, 20, 50, 100] as const;

export interface PageState {
  /** The filters the page belongs to (stable JSON of the query); when they change the list starts again at page 1. */
  readonly filterKey: string;
  readonly page: number;
  readonly pageSize: number;
}

/** Stable text of a query: keys sorted, absent values (undefined, null, '') dropped — they are not sent either. */
export function filterKeyOf(query: Query): string {
  const entries = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

/** The page in effect for these filters: the stored one if it was chosen under the same filters, else page 1. */
export function effectivePage(state: PageState, filterKey: string): PageState {
  return state.filterKey === filterKey ? state : { filterKey, page: 1, pageSize: state.pageSize };
}

/** What to ask the API for page `page` (1-based) of `pageSize` rows. */
export function pageRequest(page: number, pageSize: number): { limit: number; offset: number } {
  const limit = Math.min(Math.max(1, Math.trunc(pageSize)), MAX_PAGE_SIZE);
  return { limit, offset: (Math.max(1, Math.trunc(page)) - 1) * limit };
}

/**
 * The page to show once the total is known: if rows were removed (or filters narrowed server-side) so that the current
 * page is past the end, go to the last page that exists rather than showing an empty table with a non-zero total.
 */
export function clampPage(page: number, pageSize: number, total: number | undefined): number {
  if (total === undefined) return page;
  const last = Math.max(1, Math.ceil(total / pageSize));
  return Math.min(page, last);
}

/** The antd Table's controlled pagination for a server-paged list; `total` is the API's, shown through `app.total`. */
export interface ServerPagination {
  readonly current: number;
  readonly pageSize: number;
  readonly total: number;
  readonly showSizeChanger: true;
  readonly pageSizeOptions: number[];
  readonly showTotal: (total: number) => string;
  readonly onChange: (page: number, pageSize: number) => void;
}

export function serverPagination(
  state: { page: number; pageSize: number },
  total: number | undefined,
  showTotal: (total: number) => string,
  onChange: (page: number, pageSize: number) => void,
): ServerPagination {
  return {
    current: state.page,
    pageSize: state.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [...PAGE_SIZE_OPTIONS],
    showTotal,
    // A new page size starts at page 1: the old page number would point at different rows.
    onChange: (page, pageSize) => onChange(pageSize === state.pageSize ? page : 1, pageSize),
  };
}
