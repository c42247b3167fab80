import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  LOCKFILE,
  listMigrationNames,
  migrationChecksum,
  migrationTimestamp,
  readMigrationsList,
  slugifyMigrationName,
  writeMigration,
} from './migrations-dir';

describe('migrations folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'migrations-dir-spec-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const at = new Date('2025-03-04T05:06:07.890Z');

  it('names folders like Prisma: UTC timestamp and a lowercase slug', () => {
    expect(migrationTimestamp(at)).toBe('20250304050607');
    expect(slugifyMigrationName('  Add City / Région ')).toBe('add_city_r_gion');
    expect(() => slugifyMigrationName('--')).toThrow('no letters or digits');
  });

  it('writes a migration and the lockfile, and reads them back in order for the engine', () => {
    const second = writeMigration(dir, 'second', 'SELECT 2;\n', new Date('2025-03-05T00:00:00Z'));
    mkdirSync(path.join(dir, '20250101000000_first'));
    writeFileSync(path.join(dir, '20250101000000_first', 'migration.sql'), 'SELECT 1;\n');

    expect(path.basename(second)).toBe('20250305000000_second');
    expect(readFileSync(path.join(dir, LOCKFILE), 'utf8')).toContain('provider = "postgresql"');
    const list = readMigrationsList(dir);
    expect(list.lockfile.content).toContain('provider = "postgresql"');
    expect(list.migrationDirectories.map((m) => [m.path, m.migrationFile.content])).toEqual([
      ['20250101000000_first', { tag: 'ok', value: 'SELECT 1;\n' }],
      ['20250305000000_second', { tag: 'ok', value: 'SELECT 2;\n' }],
    ]);
  });

  it('refuses a new migration that would sort before the latest one', () => {
    writeMigration(dir, 'later', 'SELECT 1;', new Date('2030-01-01T00:00:00Z'));

    expect(() => writeMigration(dir, 'earlier', 'SELECT 1;', at)).toThrow('would not sort after');
    expect(listMigrationNames(dir)).toEqual(['20300101000000_later']);
  });

  it('reports a folder without migration.sql to the engine as an error', () => {
    mkdirSync(path.join(dir, '20250101000000_empty'));

    expect(readMigrationsList(dir).migrationDirectories[0]?.migrationFile.content.tag).toBe('error');
  });

  it('checksums like Prisma: SHA-256 of the bytes, lowercase hex', () => {
    expect(migrationChecksum('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
