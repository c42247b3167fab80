import type { z } from 'zod';
import { LocalDate } from '@tjc/contracts';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Asia/Shanghai calendar date of an instant (China has no DST). */
export function shanghaiDateOf(instant: string | Date): string {
  const ms = (typeof instant === 'string' ? new Date(instant) : instant).getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's calendar date in Asia/Shanghai, whatever the server's zone. */
export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDateOf(now);
}

/**
 * A business date that has already happened (today at the latest, in
 * Shanghai): an application or a decision dated in the future would count in
 * a KPI year that has not happened yet. The same rule as the industry
 * network's `PastOrToday` and the fund network's `PastLocalDate`.
 */
export const PastOrToday = LocalDate.refine(
  // A string that is not a date already failed LocalDate's format (zod runs the refinement anyway): saying "in the future" too would only confuse.
  (d) => !LocalDate.safeParse(d).success || d <= todayInShanghai(),
  { message: 'must not be in the future (Asia/Shanghai)' },
);

/**
 * The business time of a fact that happened on a calendar day: the exact
 * instant when the coordinator gave one, else noon in Shanghai. Noon, not
 * midnight, so the KPI service's Asia/Shanghai year of `time` is the year of
 * the date even if a consumer mishandles an offset by a few hours.
 */
export function businessTime(date: string, instant?: string): string {
  if (instant !== undefined) return instant;
  return `${date}T12:00:00+08:00`;
}

/** A LocalDate for a Postgres DATE column (Prisma maps it to UTC midnight). */
export function toDbDate(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** A Postgres DATE column back to a LocalDate string. */
export function fromDbDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * For a zod superRefine: an optional exact instant must fall on the given
 * calendar date in Shanghai, or the event time and the stored date would
 * count in different days (or years) in the KPIs.
 */
export function instantOnDate(data: Record<string, unknown>, dateKey: string, instantKey: string, ctx: z.RefinementCtx): void {
  const date = data[dateKey];
  const instant = data[instantKey];
  // zod runs an object's refinements even when a field failed its format check
  // (the issue is "continuable"), so either value may be any string here: one
  // that is not an instant was already refused by its own field, and reading
  // it would throw "Invalid time value" (a 500 instead of that 400).
  if (typeof instant !== 'string' || Number.isNaN(Date.parse(instant))) return;
  if (typeof date === 'string' && shanghaiDateOf(instant) !== date) {
    ctx.addIssue({ code: 'custom', path: [instantKey], message: `must fall on ${dateKey} (${date}) in Asia/Shanghai` });
  }
}
