import { z } from 'zod';

export const ResolveQuarantineBody = z.object({
  /** What was done about it: "伙伴已修正并重发" / "partner fixed and resent", "test data, discarded". */
  note: z.string().trim().min(1, 'say how it was resolved').max(2000),
  /** The version read; a stale one answers 409 (someone else changed the entry meanwhile). */
  version: z.number().int().min(1).optional(),
});
export type ResolveQuarantineBody = z.output<typeof ResolveQuarantineBody>;
