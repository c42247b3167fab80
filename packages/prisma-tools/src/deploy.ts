import { createDatabaseIfMissing } from './database';
import { databaseNameOf } from './database-url';
import { readMigrationsList } from './migrations-dir';
import { NO_FILTER, openSchemaEngine } from './schema-engine';
import { defaultMigrationsDir, loadSchema } from './schema-files';

export interface DeployOptions {
  /** schema.prisma, or a folder of .prisma files. */
  schemaPath: string;
  databaseUrl: string;
  /** Defaults to `migrations/` next to the schema, as in Prisma. */
  migrationsDir?: string;
  onProgress?: (event: DeployEvent) => void;
}

export type DeployEvent =
  | { kind: 'database-created'; database: string }
  | { kind: 'applying'; migration: string }
  | { kind: 'applied'; migration: string };

export interface DeployResult {
  databaseCreated: boolean;
  /** Migrations applied by this call, in order; empty when the database was up to date. */
  applied: string[];
}

/** A migration's file changed after the database recorded it as applied. */
export class MigrationChecksumMismatchError extends Error {
  override readonly name = 'MigrationChecksumMismatchError';
  constructor(readonly migrations: string[]) {
    super(
      `Refusing to deploy: ${migrations.join(', ')} changed after being applied (checksum mismatch). ` +
        'Applied migrations are immutable; restore the file and put the change in a new migration.',
    );
  }
}

/** A previous deploy failed half-way; a human must resolve it first. */
export class FailedMigrationError extends Error {
  override readonly name = 'FailedMigrationError';
  constructor(readonly migrations: string[]) {
    super(
      `Refusing to deploy: ${migrations.join(', ')} failed in an earlier deploy. ` +
        'Fix the database by hand, then mark it rolled back or applied (see docs/prisma-offline.md).',
    );
  }
}

/** The database has applied migrations this checkout does not have. */
export class UnknownAppliedMigrationError extends Error {
  override readonly name = 'UnknownAppliedMigrationError';
  constructor(readonly migrations: string[]) {
    super(
      `Refusing to deploy: the database has applied ${migrations.join(', ')}, which are not in the migrations folder ` +
        '(is this checkout older than the database?).',
    );
  }
}

const APPLYING = /^Applying `(.+)`$/;

/**
 * `prisma migrate deploy`, offline: creates the database if missing, checks
 * the recorded history against the folder, then applies pending migrations in
 * order. Prisma's own engine (WebAssembly build) does the applying and keeps
 * `_prisma_migrations`, so the real CLI accepts the database later.
 */
export async function deployMigrations(options: DeployOptions): Promise<DeployResult> {
  const { schemaPath, databaseUrl, onProgress } = options;
  const schema = loadSchema(schemaPath);
  const migrationsList = readMigrationsList(options.migrationsDir ?? defaultMigrationsDir(schemaPath));

  const databaseCreated = await createDatabaseIfMissing(databaseUrl);
  if (databaseCreated) onProgress?.({ kind: 'database-created', database: databaseNameOf(databaseUrl) });

  const sut = await openSchemaEngine({
    schema,
    databaseUrl,
    onLog: (line) => {
      const applying = APPLYING.exec(line.fields?.message ?? '');
      if (applying?.[1] !== undefined) onProgress?.({ kind: 'applying', migration: applying[1] });
    },
  });
  try {
    const diagnosis = await sut.run('diagnoseMigrationHistory', (engine) =>
      engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTER }),
    );
    if (diagnosis.editedMigrationNames.length > 0) throw new MigrationChecksumMismatchError(diagnosis.editedMigrationNames);
    if (diagnosis.failedMigrationNames.length > 0) throw new FailedMigrationError(diagnosis.failedMigrationNames);
    const history = diagnosis.history;
    if (history?.diagnostic === 'migrationsDirectoryIsBehind' || history?.diagnostic === 'historiesDiverge') {
      throw new UnknownAppliedMigrationError(history.unpersistedMigrationNames);
    }

    const { appliedMigrationNames } = await sut.run('applyMigrations', (engine) =>
      engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
    );
    for (const migration of appliedMigrationNames) onProgress?.({ kind: 'applied', migration });
    return { databaseCreated, applied: appliedMigrationNames };
  } finally {
    await sut.close();
  }
}
