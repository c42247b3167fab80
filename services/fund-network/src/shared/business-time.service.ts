/**
 * Business dates are calendar dates in Asia/Shanghai (UTC+8, no DST): the
 * KPI service counts an event in the Shanghai year of its business time,
 * whatever the zone of the server that processed it.
 */
import { Instant, LocalDate } from '@tjc/contracts';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Shanghai calendar date of an instant, e.g. 2024-12-31T17:00:00Z → 2025-01-01. */
export function shanghaiDateOf(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDateOf(now);
}

/** The business time of a fact known only by its date: the start of that day in Shanghai. */
export function startOfShanghaiDay(localDate: string): string {
  return `${localDate}T00:00:00+08:00`;
}

/** A @db.Date column holds the date at UTC midnight; these two convert both ways without zone drift. */
export function toDbDate(localDate: string): Date {
  return new Date(`${localDate}T00:00:00.000Z`);
}

export function fromDbDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function fromDbDateOrNull(date: Date | null): string | null {
  return date === null ? null : fromDbDate(date);
}

/** A date that already happened (or is today) in Shanghai: a future investment date would distort the year's KPIs. */
export const PastLocalDate = LocalDate.refine((d) => d <= todayInShanghai(), 'must not be in the future (Asia/Shanghai calendar)');

/** An instant with offset that is not in the future. */
// An unreadable instant already failed Instant's format; saying "in the future" too would only confuse.
export const PastInstant = Instant.refine((t) => Number.isNaN(Date.parse(t)) || Date.parse(t) <= Date.now() + 60_000, 'must not be in the future');
