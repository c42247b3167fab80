import { z } from 'zod';

/** The largest value of a PostgreSQL `integer` (int4), the type of `quarantine.version`. */
export const MAX_VERSION = 2_147_483_647;

export const ResolveQuarantineBody = z.object({
  /** What was done about it: "伙伴已修正并重发" / "partner fixed and resent", "test data, discarded". */
  note: z.string().trim().min(1, 'say how it was resolved').max(2000),
  /**
   * The version read; a stale one answers 409 (someone else changed the entry
   * meanwhile). At most the largest PostgreSQL `integer`, the column's type:
   * a larger one would reach `WHERE version = …` and fail as a 500.
   */
  version: z.number().int().min(1).max(MAX_VERSION).optional(),
});
export type ResolveQuarantineBody = z.output<typeof ResolveQuarantineBody>;
