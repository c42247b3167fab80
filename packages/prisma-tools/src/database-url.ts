/**
 * Helpers for PostgreSQL connection URLs. Each service owns one database; these
 * derive sibling URLs (maintenance database, shadow database, per-worker clones)
 * on the same server with the same credentials.
 */

/** Longest identifier PostgreSQL keeps without truncating (NAMEDATALEN - 1). */
const MAX_IDENTIFIER_BYTES = 63;

export function parseDatabaseUrl(databaseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error(`Not a valid database URL: ${redactUrl(databaseUrl)}`);
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error(`Only PostgreSQL URLs are supported (postgresql://...), got ${url.protocol}`);
  }
  return url;
}

/** The database name in the URL's path (`postgresql://host/<name>`). */
export function databaseNameOf(databaseUrl: string): string {
  const name = decodeURIComponent(parseDatabaseUrl(databaseUrl).pathname.replace(/^\//, ''));
  if (name === '') throw new Error(`The database URL names no database: ${redactUrl(databaseUrl)}`);
  return name;
}

/** The same server and credentials, another database. */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = parseDatabaseUrl(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** Prisma's `?schema=` convention; PostgreSQL's own default otherwise. */
export function schemaNameOf(databaseUrl: string): string | undefined {
  return parseDatabaseUrl(databaseUrl).searchParams.get('schema') ?? undefined;
}

/**
 * node-postgres passes unknown query parameters to the server as run-time
 * settings, and `schema` is not one: strip it before connecting.
 */
export function toDriverUrl(databaseUrl: string): string {
  const url = parseDatabaseUrl(databaseUrl);
  url.searchParams.delete('schema');
  return url.toString();
}

export function quoteIdentifier(identifier: string): string {
  if (identifier.includes('\0')) throw new Error('An SQL identifier cannot contain NUL');
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * A database name that no other test run or worker picks: the prefix, the
 * process id and random hex, trimmed to what PostgreSQL keeps.
 */
export function uniqueDatabaseName(prefix: string): string {
  const suffix = `${process.pid}_${Math.random().toString(16).slice(2, 10)}`;
  const safePrefix = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return `${safePrefix.slice(0, MAX_IDENTIFIER_BYTES - suffix.length - 1)}_${suffix}`;
}

/** For messages and logs: never print a password. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return '<unparseable database URL>';
  }
}
