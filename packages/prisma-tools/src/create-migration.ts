import { diffMigrationsToSchema } from './drift';
import { ensureLockfile, writeMigration } from './migrations-dir';
import { defaultMigrationsDir } from './schema-files';

export interface CreateMigrationOptions {
  schemaPath: string;
  /** Server for the shadow database; nothing is changed in this database itself. */
  databaseUrl: string;
  /** Free text; becomes the folder suffix, e.g. "add city" -> 20250101120000_add_city. */
  name: string;
  migrationsDir?: string;
  /** Write an empty migration even if the schema did not change, for hand-written SQL. */
  allowEmpty?: boolean;
  /** Clock for the folder's timestamp (tests). */
  now?: () => Date;
}

export type CreateMigrationResult = { created: false } | { created: true; directory: string; sql: string };

/** Prisma writes this into an empty draft migration; so do we. */
const EMPTY_MIGRATION = '-- This is an empty migration.\n';

/**
 * `prisma migrate dev --create-only`, offline: the SQL from the current
 * migrations to schema.prisma, written as a new migration folder. Review it,
 * edit it if needed (data moves, backfills), then commit it.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<CreateMigrationResult> {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir(options.schemaPath);
  ensureLockfile(migrationsDir);
  const sql = await diffMigrationsToSchema({ ...options, migrationsDir });
  if (sql.trim() === '' && options.allowEmpty !== true) return { created: false };
  const body = sql.trim() === '' ? EMPTY_MIGRATION : sql;
  const directory = writeMigration(migrationsDir, options.name, body, (options.now ?? (() => new Date()))());
  return { created: true, directory, sql: body };
}
