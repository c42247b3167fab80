import pg from 'pg';

import { databaseNameOf, quoteIdentifier, redactUrl, toDriverUrl, withDatabase } from './database-url';

/** Where CREATE/DROP DATABASE run from: every PostgreSQL server has it. */
const MAINTENANCE_DATABASE = 'postgres';

/** SQLSTATE 42P04: the database already exists (a concurrent creator won). */
const DUPLICATE_DATABASE = '42P04';

async function withMaintenanceClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: toDriverUrl(withDatabase(databaseUrl, MAINTENANCE_DATABASE)) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function sqlStateOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

export async function databaseExists(databaseUrl: string): Promise<boolean> {
  const name = databaseNameOf(databaseUrl);
  return withMaintenanceClient(databaseUrl, async (client) => {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  });
}

/**
 * Creates the database the URL names unless it exists. Returns whether it
 * created it. Safe to race: losing to a concurrent creator counts as "exists".
 */
export async function createDatabaseIfMissing(databaseUrl: string): Promise<boolean> {
  const name = databaseNameOf(databaseUrl);
  return withMaintenanceClient(databaseUrl, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount === 1) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      return true;
    } catch (error) {
      if (sqlStateOf(error) === DUPLICATE_DATABASE) return false;
      throw error;
    }
  });
}

/**
 * Drops the database the URL names, if it exists. WITH (FORCE) ends other
 * sessions first (PostgreSQL 13+), so a leaked test connection cannot block it.
 */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = databaseNameOf(databaseUrl);
  if (name === MAINTENANCE_DATABASE) throw new Error(`Refusing to drop the maintenance database ${name}`);
  await withMaintenanceClient(databaseUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  });
}

/**
 * Creates database `name` as a copy of the template database the URL names and
 * returns the new database's URL. This is how each test worker gets its own
 * migrated database in milliseconds instead of replaying every migration.
 *
 * PostgreSQL refuses while any other session is connected to the template, so
 * migrate the template first, disconnect, then clone.
 */
export async function cloneDatabaseFromTemplate(templateUrl: string, name: string): Promise<string> {
  const template = databaseNameOf(templateUrl);
  await withMaintenanceClient(templateUrl, async (client) => {
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(template)}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Could not clone ${redactUrl(templateUrl)} into database ${name}: ${reason}`, { cause: error });
    }
  });
  return withDatabase(templateUrl, name);
}
