import { Client } from 'pg';
import { uniqueName } from './names';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(adminUrl: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => {
  if (!/^[a-z0-9_]{1,63}$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  return `"${name}"`;
};

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database cloned from a migrated template (`CREATE DATABASE …
 * TEMPLATE …`): a few milliseconds instead of re-running every migration.
 */
export async function cloneDatabase(adminUrl: string, template: string, prefix = 'test'): Promise<TestDatabase> {
  const name = uniqueName(prefix).replace(/[.-]/g, '_').slice(0, 63);
  await admin(adminUrl, async (c) => {
    // A template must have no other sessions; a previous test's pool may linger briefly.
    await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [template]);
    await c.query(`CREATE DATABASE ${ident(name)} TEMPLATE ${ident(template)}`);
  });
  return { name, url: withDatabase(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
}

export async function createEmptyDatabase(adminUrl: string, prefix = 'test'): Promise<TestDatabase> {
  const name = uniqueName(prefix).replace(/[.-]/g, '_').slice(0, 63);
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${ident(name)}`));
  return { name, url: withDatabase(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
}

export { withDatabase };
