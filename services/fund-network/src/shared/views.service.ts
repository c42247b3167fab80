/** Response shapes shared by the slices, as zod schemas so OpenAPI documents them. */
import { z } from 'zod';

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}

/** `q`: a case-insensitive substring of a name or title (Chinese or Latin). */
export const SearchText = z.string().trim().min(1).max(100);

/** Query-string booleans arrive as text. */
export const QueryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');
