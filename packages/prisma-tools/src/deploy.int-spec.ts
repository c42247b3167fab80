import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { databasesLike, query, setupWorkspace, type Workspace } from '../test/support';
import { main } from './cli';
import { databaseExists } from './database';
import {
  deployMigrations,
  FailedMigrationError,
  MigrationChecksumMismatchError,
  type DeployEvent,
} from './deploy';
import { listMigrationNames, migrationChecksum } from './migrations-dir';

// Real: PostgreSQL, Prisma's schema engine (WebAssembly), the fixture's migrations.
// Faked: nothing. Each test deploys into its own new database.
function setup() {
  const workspace = setupWorkspace('deploy');
  const events: DeployEvent[] = [];
  const deploy = () =>
    deployMigrations({
      schemaPath: workspace.schemaPath,
      databaseUrl: workspace.databaseUrl,
      onProgress: (event) => events.push(event),
    });
  return { workspace, events, deploy };
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

const appliedRows = (w: Workspace) =>
  query<MigrationRow>(w.databaseUrl, 'SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name');

describe('deployMigrations', () => {
  let ctx: ReturnType<typeof setup>;
  beforeEach(() => {
    ctx = setup();
  });
  afterEach(async () => {
    await ctx.workspace.cleanup();
  });

  it('creates the missing database and applies every migration, recorded in Prisma format', async () => {
    const { workspace, deploy, events } = ctx;
    const expected = listMigrationNames(workspace.migrationsDir);
    expect(expected.length).toBeGreaterThan(0);
    expect(await databaseExists(workspace.databaseUrl)).toBe(false);

    const result = await deploy();

    expect(result).toEqual({ databaseCreated: true, applied: expected });
    expect(events).toContainEqual({ kind: 'database-created', database: expect.any(String) });
    expect(events.filter((e) => e.kind === 'applied').map((e) => e.migration)).toEqual(expected);
    const rows = await appliedRows(workspace);
    expect(rows.map((r) => r.migration_name)).toEqual(expected);
    for (const row of rows) {
      const sql = readFileSync(path.join(workspace.migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(migrationChecksum(sql));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const tables = await query<{ table_name: string }>(
      workspace.databaseUrl,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual(['_prisma_migrations', 'institution', 'researcher']);
  });

  it('applies nothing the second time', async () => {
    await ctx.deploy();
    const before = await appliedRows(ctx.workspace);

    const second = await ctx.deploy();

    expect(second).toEqual({ databaseCreated: false, applied: [] });
    expect(await appliedRows(ctx.workspace)).toEqual(before);
  });

  it('refuses to deploy when an applied migration was edited', async () => {
    const { workspace } = ctx;
    await ctx.deploy();
    const [first] = listMigrationNames(workspace.migrationsDir);
    appendFileSync(path.join(workspace.migrationsDir, first!, 'migration.sql'), '\n-- edited after release\n');

    await expect(ctx.deploy()).rejects.toThrow(MigrationChecksumMismatchError);
    await expect(ctx.deploy()).rejects.toThrow(`${first} changed after being applied`);
  });

  it('applies a new migration after the existing ones', async () => {
    const { workspace } = ctx;
    await ctx.deploy();
    const name = '29990101000000_add_city_index';
    mkdirSync(path.join(workspace.migrationsDir, name));
    writeFileSync(
      path.join(workspace.migrationsDir, name, 'migration.sql'),
      'CREATE INDEX "institution_city_idx" ON "institution"("city");\n',
    );

    expect(await ctx.deploy()).toEqual({ databaseCreated: false, applied: [name] });
  });

  it('rolls a failing migration back whole, records it as failed, and then refuses to continue', async () => {
    const { workspace } = ctx;
    await ctx.deploy();
    const name = '29990101000000_broken';
    mkdirSync(path.join(workspace.migrationsDir, name));
    // Semicolons inside a string and a $$ body must not split the script.
    writeFileSync(
      path.join(workspace.migrationsDir, name, 'migration.sql'),
      [
        'CREATE TABLE "half_done" ("note" TEXT DEFAULT \'a;b\');',
        'DO $$ BEGIN PERFORM 1; END $$;',
        'SELECT 1 / 0;',
      ].join('\n'),
    );

    await expect(ctx.deploy()).rejects.toThrow(/division by zero/);

    const halfDone = await query(workspace.databaseUrl, "SELECT to_regclass('public.half_done') AS t");
    expect(halfDone).toEqual([{ t: null }]);
    const failed = (await appliedRows(workspace)).find((r) => r.migration_name === name);
    expect(failed?.finished_at).toBeNull();
    await expect(ctx.deploy()).rejects.toThrow(FailedMigrationError);

    // The documented way out: fix the file, mark the failed attempt rolled back
    // (what `prisma migrate resolve --rolled-back` does), deploy again.
    writeFileSync(path.join(workspace.migrationsDir, name, 'migration.sql'), 'CREATE TABLE "half_done" ("note" TEXT);\n');
    await query(
      workspace.databaseUrl,
      'UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL',
      [name],
    );
    expect(await ctx.deploy()).toEqual({ databaseCreated: false, applied: [name] });
  });

  it('leaves no shadow database behind', async () => {
    await ctx.deploy();
    expect(await databasesLike(`prisma_shadow_${process.pid}_`)).toEqual([]);
  });
});

describe('tjc-prisma deploy', () => {
  let workspace: Workspace;
  beforeEach(() => {
    workspace = setupWorkspace('cli_deploy');
  });
  afterEach(async () => {
    await workspace.cleanup();
  });

  it('prints each applied migration, then that nothing is pending', async () => {
    const lines: string[] = [];
    const args = ['deploy', '--schema', workspace.schemaPath, '--url', workspace.databaseUrl];

    expect(await main(args, (l) => lines.push(l), (l) => lines.push(l))).toBe(0);
    expect(await main(args, (l) => lines.push(l), (l) => lines.push(l))).toBe(0);

    const names = listMigrationNames(workspace.migrationsDir);
    expect(lines).toEqual([
      expect.stringMatching(/^Created database prisma_tools_cli_deploy_/),
      ...names.map((n) => `Applied ${n}`),
      `${names.length} migration(s) applied.`,
      'No pending migrations.',
    ]);
  });
});
