import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { databasesLike, setupWorkspace, SERVER_URL, type Workspace } from '../test/support';
import { main } from './cli';
import { createMigration } from './create-migration';
import { deployMigrations } from './deploy';
import { checkDrift, diffMigrationsToSchema } from './drift';
import { listMigrationNames } from './migrations-dir';

// Real: PostgreSQL (for the shadow database) and Prisma's schema engine
// (WebAssembly). Faked: the clock, so folder names are predictable.
describe('createMigration', () => {
  let workspace: Workspace;
  beforeEach(() => {
    workspace = setupWorkspace('create');
  });
  afterEach(async () => {
    await workspace.cleanup();
  });

  const addFoundedColumn = () => {
    const schema = readFileSync(workspace.schemaPath, 'utf8');
    writeFileSync(workspace.schemaPath, schema.replace('  city      String?', '  city      String?\n  founded   Int?'));
  };
  const sut = (name: string) =>
    createMigration({
      schemaPath: workspace.schemaPath,
      databaseUrl: SERVER_URL,
      name,
      now: () => new Date('2999-01-02T03:04:05Z'),
    });

  it('writes nothing when the migrations already produce the schema', async () => {
    const before = listMigrationNames(workspace.migrationsDir);

    expect(await sut('nothing')).toEqual({ created: false });
    expect(listMigrationNames(workspace.migrationsDir)).toEqual(before);
  });

  it('writes the SQL for a schema change as a new migration that deploys without drift', async () => {
    addFoundedColumn();
    expect(await diffMigrationsToSchema({ schemaPath: workspace.schemaPath, databaseUrl: SERVER_URL })).toContain(
      'ADD COLUMN',
    );

    const result = await sut('Add founded year');

    expect(result).toEqual({
      created: true,
      directory: path.join(workspace.migrationsDir, '29990102030405_add_founded_year'),
      sql: '-- AlterTable\nALTER TABLE "institution" ADD COLUMN     "founded" INTEGER;\n',
    });
    expect(readFileSync(path.join(workspace.migrationsDir, '29990102030405_add_founded_year', 'migration.sql'), 'utf8')).toBe(
      result.created ? result.sql : '',
    );
    expect(await diffMigrationsToSchema({ schemaPath: workspace.schemaPath, databaseUrl: SERVER_URL })).toBe('');
    const deployed = await deployMigrations({ schemaPath: workspace.schemaPath, databaseUrl: workspace.databaseUrl });
    expect(deployed.applied.at(-1)).toBe('29990102030405_add_founded_year');
    expect((await checkDrift({ schemaPath: workspace.schemaPath, databaseUrl: workspace.databaseUrl })).drifted).toBe(false);
    expect(await databasesLike(`prisma_shadow_${process.pid}_`)).toEqual([]);
  });

  it('tjc-prisma diff exits 1 while a schema change has no migration', async () => {
    addFoundedColumn();
    const out: string[] = [];
    const err: string[] = [];

    const code = await main(['diff', '--schema', workspace.schemaPath, '--url', SERVER_URL], (l) => out.push(l), (l) => err.push(l));

    expect(code).toBe(1);
    expect(out.join('\n')).toContain('ALTER TABLE "institution" ADD COLUMN     "founded" INTEGER;');
    expect(err.join('\n')).toContain('tjc-prisma create --name');
  });
});
