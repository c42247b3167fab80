import {
  databaseNameOf,
  quoteIdentifier,
  redactUrl,
  schemaNameOf,
  toDriverUrl,
  uniqueDatabaseName,
  withDatabase,
} from './database-url';

describe('database URLs', () => {
  const url = 'postgresql://app:s3cret@db.local:5432/research?schema=core&sslmode=disable';

  it('reads the database and Prisma schema names', () => {
    expect(databaseNameOf(url)).toBe('research');
    expect(schemaNameOf(url)).toBe('core');
    expect(schemaNameOf('postgresql://h/db')).toBeUndefined();
  });

  it('swaps the database and keeps server, credentials and options', () => {
    expect(withDatabase(url, 'postgres')).toBe('postgresql://app:s3cret@db.local:5432/postgres?schema=core&sslmode=disable');
  });

  it('strips the schema parameter node-postgres would send to the server', () => {
    expect(toDriverUrl(url)).toBe('postgresql://app:s3cret@db.local:5432/research?sslmode=disable');
  });

  it('rejects URLs that are not PostgreSQL or name no database', () => {
    expect(() => databaseNameOf('mysql://h/db')).toThrow('Only PostgreSQL URLs');
    expect(() => databaseNameOf('postgresql://h/')).toThrow('names no database');
    expect(() => databaseNameOf('not a url')).toThrow('Not a valid database URL');
  });

  it('never shows the password', () => {
    expect(redactUrl(url)).toBe('postgresql://app:***@db.local:5432/research?schema=core&sslmode=disable');
  });

  it('quotes identifiers, doubling embedded quotes', () => {
    expect(quoteIdentifier('we"ird')).toBe('"we""ird"');
  });

  it('makes unique names PostgreSQL keeps whole', () => {
    const a = uniqueDatabaseName('Prisma-Tools test with a very long prefix that goes on and on and on');
    const b = uniqueDatabaseName('Prisma-Tools test with a very long prefix that goes on and on and on');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[a-z0-9_]+$/);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(63);
  });
});
