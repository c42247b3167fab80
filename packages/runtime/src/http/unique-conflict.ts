/**
 * A unique violation that reaches the exception filter is a 409 naming the
 * field(s), never a 500. Slices still check for an existing record first and
 * answer their own, richer 409 (the existing record's id, a Chinese message
 * about the name); this is the backstop for the race their check cannot see:
 * two requests that both found no row, and the unique index refused the
 * second (issue #18.11). One place for every service, so no create or rename
 * endpoint can forget it.
 *
 * Which columns: Prisma's pg adapter reports only the index's name (PostgreSQL
 * gives the constraint; the columns are in its `detail` text, which the
 * adapter drops), so the columns are read from pg_index once per index and
 * kept. Column names are mapped back to the API's field names by the
 * platform's one naming rule (`fund_id` ↔ `fundId`, schema.prisma `@map`).
 */
import { ConflictException } from '@nestjs/common';
import type { SqlExecutor } from '../db/sql';
import type { FieldError } from './validation';

interface UniqueViolation {
  /** Columns when the error names them (a raw pg error's detail, an older Prisma's `meta.target`). */
  readonly fields?: readonly string[];
  /** The unique index's name, when that is all the error names. */
  readonly index?: string;
}

const fromDetail = (detail: unknown): string[] | undefined =>
  typeof detail === 'string' ? detail.match(/Key \(([^)]+)\)=/)?.[1]?.split(', ').map((f) => f.replace(/^"|"$/g, '')) : undefined;

/** The columns or index of a unique violation (Prisma P2002 or PostgreSQL 23505), or undefined for any other error. */
export function uniqueViolationOf(error: unknown): UniqueViolation | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown; index?: unknown } } } }; constraint?: unknown; detail?: unknown };
  if (e.code === '23505') {
    const fields = fromDetail(e.detail);
    return fields ? { fields } : typeof e.constraint === 'string' ? { index: e.constraint } : {};
  }
  if (e.code !== 'P2002') return undefined;
  const target = e.meta?.target;
  if (Array.isArray(target) && target.every((t) => typeof t === 'string')) return { fields: target as string[] };
  const constraint = e.meta?.driverAdapterError?.cause?.constraint;
  if (Array.isArray(constraint?.fields)) return { fields: constraint.fields.map(String) };
  if (typeof constraint?.index === 'string') return { index: constraint.index };
  if (typeof target === 'string') return { index: target };
  return {};
}

/** `fund_id` → `fundId`; a field already in camelCase is left as it is. */
export const fieldOfColumn = (column: string): string => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Index name → its columns, in index order; read once per index (indexes change only with a migration, and a restart follows one). */
export class UniqueIndexColumns {
  private readonly known = new Map<string, readonly string[]>();

  constructor(private readonly db: SqlExecutor) {}

  async of(index: string): Promise<readonly string[]> {
    const hit = this.known.get(index);
    if (hit) return hit;
    const rows = await this.db.$queryRawUnsafe<{ column: string }[]>(
      `SELECT a.attname AS "column"
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indexrelid
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
        WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace
        ORDER BY array_position(i.indkey::int2[], a.attnum)`,
      index,
    );
    const columns = rows.map((r) => r.column);
    if (columns.length > 0) this.known.set(index, columns);
    return columns;
  }
}

/** The 409 for a unique violation: each field named as a 400 names a broken one (rule `unique`). */
export function uniqueConflict(fields: readonly string[]): ConflictException {
  const names = fields.map(fieldOfColumn);
  const errors: FieldError[] = names.map((path) => ({ path, rule: 'unique', message: '已被其他记录使用 / already used by another record' }));
  const what = names.length > 0 ? names.join(', ') : 'a unique value';
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `已存在相同 ${what} 的记录 / another record already has this ${what}`,
    errors,
  });
}

/** Resolves a unique violation to its 409 (columns looked up when the error names only the index). */
export async function conflictOfUniqueViolation(violation: UniqueViolation, columns: UniqueIndexColumns | undefined): Promise<ConflictException> {
  if (violation.fields) return uniqueConflict(violation.fields);
  if (violation.index && columns) {
    // A failed lookup still answers 409, only without the field names.
    const found = await columns.of(violation.index).catch(() => []);
    return uniqueConflict(found);
  }
  return uniqueConflict([]);
}

/**
 * A transaction PostgreSQL aborted because a concurrent one won (a
 * serialization failure or a deadlock; Prisma's P2034): nothing was written
 * and the same request may succeed when sent again, so the answer is a 409
 * that says so, not a 500.
 */
export function isConcurrentChangeFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'P2034' || code === '40001' || code === '40P01';
}

export function concurrentChangeConflict(): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', code: 'concurrent_change', message: '与同时进行的修改冲突，未保存任何内容，请重试 / conflicted with a concurrent change; nothing was saved, retry' });
}
