import { setupWorkspace, query, type Workspace } from '../test/support';
import { main } from './cli';
import { deployMigrations } from './deploy';
import { checkDrift } from './drift';

// Real: PostgreSQL and Prisma's schema engine (WebAssembly). Faked: nothing.
describe('checkDrift', () => {
  let workspace: Workspace;
  beforeEach(async () => {
    workspace = setupWorkspace('drift');
    await deployMigrations({ schemaPath: workspace.schemaPath, databaseUrl: workspace.databaseUrl });
  });
  afterEach(async () => {
    await workspace.cleanup();
  });

  const sut = () => checkDrift({ schemaPath: workspace.schemaPath, databaseUrl: workspace.databaseUrl });

  it('finds no drift on a freshly migrated database', async () => {
    expect(await sut()).toEqual({ drifted: false, summary: 'No difference detected.\n', script: '' });
  });

  it('reports a column added by hand', async () => {
    await query(workspace.databaseUrl, 'ALTER TABLE "institution" ADD COLUMN "website" TEXT');

    const report = await sut();

    expect(report.drifted).toBe(true);
    expect(report.summary).toContain('[*] Changed the `institution` table');
    expect(report.summary).toContain('[-] Removed column `website`');
    expect(report.script).toContain('ALTER TABLE "institution" DROP COLUMN "website"');
  });

  it('reports an index dropped by hand', async () => {
    await query(workspace.databaseUrl, 'DROP INDEX "researcher_institution_id_idx"');

    const report = await sut();

    expect(report.drifted).toBe(true);
    expect(report.script).toContain('CREATE INDEX "researcher_institution_id_idx"');
  });

  it('exits non-zero from the CLI with the readable difference', async () => {
    const args = ['drift', '--schema', workspace.schemaPath, '--url', workspace.databaseUrl];
    const out: string[] = [];
    const err: string[] = [];
    expect(await main(args, (l) => out.push(l), (l) => err.push(l))).toBe(0);
    expect(out.join('\n')).toContain('No drift');

    await query(workspace.databaseUrl, 'ALTER TABLE "institution" ADD COLUMN "website" TEXT');

    expect(await main(args, (l) => out.push(l), (l) => err.push(l))).toBe(1);
    expect(err.join('\n')).toContain('Removed column `website`');
  });
});
