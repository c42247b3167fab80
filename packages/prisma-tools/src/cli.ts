import { parseArgs } from 'node:util';

import { createMigration } from './create-migration';
import { cloneDatabaseFromTemplate } from './database';
import { redactUrl } from './database-url';
import { deployMigrations } from './deploy';
import { checkDrift, diffMigrationsToSchema } from './drift';
import { generatePrismaClient } from './generate';

const USAGE = `tjc-prisma: Prisma migrations without Prisma's engine download

Usage:
  tjc-prisma deploy   --schema <path> [--url <db>] [--migrations <dir>]
      Create the database if missing, apply pending migrations. Idempotent.
  tjc-prisma create   --schema <path> --name <name> [--url <db>] [--migrations <dir>] [--empty]
      Write migrations/<timestamp>_<name>/migration.sql from the difference between
      the migrations and schema.prisma (a shadow database is made on <db>'s server).
  tjc-prisma diff     --schema <path> [--url <db>] [--migrations <dir>]
      Print the SQL still missing from the migrations; exit 1 if there is any.
  tjc-prisma drift    --schema <path> [--url <db>]
      Compare the live database with schema.prisma; exit 1 and show the difference if they differ.
  tjc-prisma generate --schema <path> [--config <prisma.config.ts>]
      prisma generate, with the schema engine binary stubbed so it never downloads.
  tjc-prisma clone-db --url <template db> --name <new db>
      CREATE DATABASE <new db> TEMPLATE <template db>; prints the new URL.

--url defaults to $DATABASE_URL.
Exit codes: 0 ok, 1 difference found or command failed, 2 bad usage.`;

class UsageError extends Error {}

type Out = (line: string) => void;

/**
 * node:util parseArgs rejects bad flags with codes ERR_PARSE_ARGS_*. Checked by
 * shape, not instanceof: under Jest, Node's errors come from another realm.
 */
function isParseArgsError(error: unknown): error is Error {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    String(error.code).startsWith('ERR_PARSE_ARGS') &&
    'message' in error
  );
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing ${flag}`);
  return value;
}

export async function main(argv: string[], out: Out = console.log, err: Out = console.error): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        schema: { type: 'string' },
        url: { type: 'string' },
        migrations: { type: 'string' },
        name: { type: 'string' },
        config: { type: 'string' },
        empty: { type: 'boolean' },
      },
    });
    const url = () => required(values.url ?? process.env['DATABASE_URL'], '--url (or DATABASE_URL)');
    const schemaPath = () => required(values.schema, '--schema');
    const migrationsDir = values.migrations === undefined ? {} : { migrationsDir: values.migrations };

    switch (command) {
      case 'deploy': {
        const result = await deployMigrations({
          schemaPath: schemaPath(),
          databaseUrl: url(),
          ...migrationsDir,
          onProgress: (event) => {
            if (event.kind === 'database-created') out(`Created database ${event.database}`);
            if (event.kind === 'applied') out(`Applied ${event.migration}`);
          },
        });
        out(result.applied.length === 0 ? 'No pending migrations.' : `${result.applied.length} migration(s) applied.`);
        return 0;
      }
      case 'create': {
        const result = await createMigration({
          schemaPath: schemaPath(),
          databaseUrl: url(),
          name: required(values.name, '--name'),
          allowEmpty: values.empty === true,
          ...migrationsDir,
        });
        if (!result.created) {
          out('schema.prisma and the migrations already agree; no migration written (use --empty for a blank one).');
          return 0;
        }
        out(`Created ${result.directory}/migration.sql:\n\n${result.sql}`);
        return 0;
      }
      case 'diff': {
        const sql = await diffMigrationsToSchema({ schemaPath: schemaPath(), databaseUrl: url(), ...migrationsDir });
        if (sql === '') {
          out('The migrations produce schema.prisma exactly.');
          return 0;
        }
        out(sql);
        err('schema.prisma has changes that no migration contains: run tjc-prisma create --name <name>.');
        return 1;
      }
      case 'drift': {
        const databaseUrl = url();
        const report = await checkDrift({ schemaPath: schemaPath(), databaseUrl });
        if (!report.drifted) {
          out(`No drift: ${redactUrl(databaseUrl)} matches schema.prisma.`);
          return 0;
        }
        err(`Drift: ${redactUrl(databaseUrl)} differs from schema.prisma.\n${report.summary}`);
        err(`SQL that would bring the database to schema.prisma:\n${report.script}`);
        return 1;
      }
      case 'generate': {
        const result = await generatePrismaClient({
          schemaPath: schemaPath(),
          ...(values.config === undefined ? {} : { configPath: values.config }),
        });
        return result.exitCode;
      }
      case 'clone-db': {
        out(await cloneDatabaseFromTemplate(url(), required(values.name, '--name')));
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
        out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      err(`tjc-prisma: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    err(`tjc-prisma ${command ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
