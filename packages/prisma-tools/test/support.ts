import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import pg from 'pg';

import { dropDatabase } from '../src/database';
import { uniqueDatabaseName, withDatabase } from '../src/database-url';

/** Any database on the test server; tests only create and drop their own beside it. */
export const SERVER_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export const FIXTURE_DIR = path.join(__dirname, 'fixture');
export const FIXTURE_SCHEMA = path.join(FIXTURE_DIR, 'prisma', 'schema.prisma');

export interface Workspace {
  /** A private copy of test/fixture/prisma that a test may edit. */
  schemaPath: string;
  migrationsDir: string;
  /** A database name unique to this test; it does not exist until deployed. */
  databaseUrl: string;
  cleanup(): Promise<void>;
}

export function setupWorkspace(label: string): Workspace {
  const dir = mkdtempSync(path.join(tmpdir(), `prisma-tools-${label}-`));
  cpSync(path.join(FIXTURE_DIR, 'prisma'), path.join(dir, 'prisma'), { recursive: true });
  const databaseUrl = withDatabase(SERVER_URL, uniqueDatabaseName(`prisma_tools_${label}`));
  return {
    schemaPath: path.join(dir, 'prisma', 'schema.prisma'),
    migrationsDir: path.join(dir, 'prisma', 'migrations'),
    databaseUrl,
    async cleanup() {
      await dropDatabase(databaseUrl);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function query<R extends pg.QueryResultRow>(databaseUrl: string, sql: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

export async function databasesLike(prefix: string): Promise<string[]> {
  const rows = await query<{ datname: string }>(SERVER_URL, 'SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
  return rows.map((row) => row.datname);
}
