import { readMigrationsList } from './migrations-dir';
import { NO_FILTER, openSchemaEngine } from './schema-engine';
import { defaultMigrationsDir, loadSchema } from './schema-files';

export interface DriftOptions {
  schemaPath: string;
  databaseUrl: string;
}

export interface DriftReport {
  drifted: boolean;
  /** Prisma's human-readable summary ("[*] Changed the `x` table ..."). */
  summary: string;
  /** SQL that would bring the database to schema.prisma; empty when in sync. */
  script: string;
}

/** Exit code the engine's diff returns for "non-empty" when asked for one. */
const DIFF_NOT_EMPTY = 2;

/**
 * Compares the live database with schema.prisma (`prisma migrate diff
 * --from-config-datasource --to-schema`). Catches hand-made changes and
 * migrations that do not produce what the schema describes. Prisma's
 * `_prisma_migrations` table is not part of the comparison.
 */
export async function checkDrift({ schemaPath, databaseUrl }: DriftOptions): Promise<DriftReport> {
  const schema = loadSchema(schemaPath);
  const sut = await openSchemaEngine({ schema, databaseUrl });
  try {
    const from = { tag: 'schemaDatasource' as const, files: schema.files, configDir: schema.baseDir };
    const to = { tag: 'schemaDatamodel' as const, files: schema.files };
    const summary = await sut.run('diff', (engine) =>
      engine.diff({ from, to, script: false, exitCode: true, filters: NO_FILTER }),
    );
    if (summary.exitCode !== DIFF_NOT_EMPTY) return { drifted: false, summary: summary.stdout ?? '', script: '' };
    const script = await sut.run('diff', (engine) =>
      engine.diff({ from, to, script: true, exitCode: true, filters: NO_FILTER }),
    );
    return { drifted: true, summary: summary.stdout ?? '', script: script.stdout ?? '' };
  } finally {
    await sut.close();
  }
}

export interface PendingSchemaChangeOptions {
  schemaPath: string;
  /** Any database on the server; a throw-away shadow database is created beside it. */
  databaseUrl: string;
  migrationsDir?: string;
}

/**
 * SQL from "all migrations applied" to schema.prisma (`prisma migrate diff
 * --from-migrations --to-schema --script`). Empty when the migrations already
 * produce the schema; otherwise the body of the migration still to be written.
 * Replays the migrations into a temporary shadow database on the server.
 */
export async function diffMigrationsToSchema(options: PendingSchemaChangeOptions): Promise<string> {
  const schema = loadSchema(options.schemaPath);
  const migrationsList = readMigrationsList(options.migrationsDir ?? defaultMigrationsDir(options.schemaPath));
  const sut = await openSchemaEngine({ schema, databaseUrl: options.databaseUrl });
  try {
    const result = await sut.run('diff', (engine) =>
      engine.diff({
        from: { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: schema.files },
        script: true,
        exitCode: true,
        filters: NO_FILTER,
      }),
    );
    return result.exitCode === DIFF_NOT_EMPTY ? (result.stdout ?? '') : '';
  } finally {
    await sut.close();
  }
}
