import { Instant } from '@tjc/contracts';

/** Clocks of clients and servers differ a little; a few minutes ahead is still "now". */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * An optional business instant of a fact (submission, selection, rejection…).
 * The demo replays a past year, so clients may date facts in the past; a fact
 * cannot happen in the future. Events carry it as their `time`, which is what
 * the KPI service counts by.
 */
export const BusinessInstant = Instant.refine((s) => Date.parse(s) <= Date.now() + CLOCK_SKEW_MS, {
  message: 'must not be in the future',
}).meta({ description: '业务发生时间（含时区偏移，默认当前时间） / Business time with offset; defaults to now' });

export const instantOrNow = (value: string | undefined): Date => (value === undefined ? new Date() : new Date(value));

/** Formats a DATE column (stored at UTC midnight by Prisma) as YYYY-MM-DD. */
export const toLocalDate = (date: Date): string => date.toISOString().slice(0, 10);
