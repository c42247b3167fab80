import type { Query } from '../../api/client';

/** packages/runtime FAILURE_KINDS, the error kinds the list filters by (the spec holds it to the labelled ones). */
export const ERROR_KINDS = ['invalid-payload', 'unknown-type', 'permanent', 'transient', 'unavailable'] as const;

/** packages/runtime MAX_BULK: a bulk replay or discard acts on at most this many dead letters per call. */
export const MAX_BULK = 500;

export type DeadLetterStatus = 'pending' | 'replayed' | 'discarded';

/** The list's filters as the screen holds them; `all` is no status filter. */
export interface DeadLetterFilters {
  readonly status: DeadLetterStatus | 'all';
  readonly eventType?: string | undefined;
  readonly errorKind?: string | undefined;
  readonly source?: string | undefined;
  readonly q?: string | undefined;
}

/** What the list shows first, and what the service picker's badge counts: pending, nothing else filtered. */
export const DEFAULT_FILTERS: DeadLetterFilters = { status: 'pending' };

/** The list endpoint's query for these filters (paging added by the table). */
export function listQuery(f: DeadLetterFilters): Query {
  const q = f.q?.trim();
  return { status: f.status === 'all' ? undefined : f.status, eventType: f.eventType, errorKind: f.errorKind, source: f.source, q: q || undefined };
}

/**
 * The `filter` of a bulk call acting on everything the list shows, or undefined when that cannot be offered:
 * a bulk call acts on pending dead letters, so only a list of pending ones is "everything matching".
 */
export function bulkFilter(f: DeadLetterFilters): Record<string, string> | undefined {
  if (f.status !== 'pending') return undefined;
  const { status: _status, ...rest } = listQuery(f);
  return Object.fromEntries(Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** packages/runtime BulkResult. */
export interface BulkItem {
  readonly id: string;
  readonly result: 'replayed' | 'discarded' | 'failed' | 'skipped';
  readonly outcome?: string;
  readonly error?: string;
  readonly status?: DeadLetterStatus | 'not-found';
}
export interface BulkResult {
  readonly requested: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  readonly items: readonly BulkItem[];
}

/** The replays that failed again, grouped by their error (most frequent first), for the result summary. */
export function failureReasons(result: BulkResult): { error: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const i of result.items) if (i.result === 'failed') counts.set(i.error ?? '', (counts.get(i.error ?? '') ?? 0) + 1);
  return [...counts].map(([error, count]) => ({ error, count })).sort((a, b) => b.count - a.count || a.error.localeCompare(b.error));
}

/** Pretty JSON of a stored value, or the text as it is when it is not JSON. */
export function prettyJson(value: string | null): string {
  if (!value) return '—';
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}
