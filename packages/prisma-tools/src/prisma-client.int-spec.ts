import { existsSync } from 'node:fs';
import path from 'node:path';

import { PrismaPg } from '@prisma/adapter-pg';

import { FIXTURE_DIR, FIXTURE_SCHEMA, setupWorkspace, type Workspace } from '../test/support';
import { cloneDatabaseFromTemplate, dropDatabase } from './database';
import { uniqueDatabaseName } from './database-url';
import { deployMigrations } from './deploy';
import { generatePrismaClient } from './generate';

type GeneratedClientModule = typeof import('../test/fixture/generated/prisma/client.js');

// Real: `prisma generate` (offline, engine binary stubbed), PostgreSQL, the
// generated Prisma 7 client over @prisma/adapter-pg. Faked: nothing.
// The migrated database is a template; the test works in a clone of it, as
// per-worker test databases do.
describe('a database migrated offline, used by a generated Prisma 7 client', () => {
  let template: Workspace;
  let cloneUrl: string;
  let client: InstanceType<GeneratedClientModule['PrismaClient']>;

  beforeAll(async () => {
    const generated = await generatePrismaClient({ schemaPath: FIXTURE_SCHEMA, stdio: 'pipe' });
    expect(generated).toEqual({ exitCode: 0, output: expect.stringContaining('Generated Prisma Client') });
    expect(existsSync(path.join(FIXTURE_DIR, 'generated', 'prisma', 'client.ts'))).toBe(true);

    template = setupWorkspace('client_template');
    await deployMigrations({ schemaPath: template.schemaPath, databaseUrl: template.databaseUrl });
    cloneUrl = await cloneDatabaseFromTemplate(template.databaseUrl, uniqueDatabaseName('prisma_tools_client'));

    const { PrismaClient } = (await import('../test/fixture/generated/prisma/client.js')) as GeneratedClientModule;
    client = new PrismaClient({ adapter: new PrismaPg({ connectionString: cloneUrl }) });
  });

  afterAll(async () => {
    await client?.$disconnect();
    if (cloneUrl !== undefined) await dropDatabase(cloneUrl);
    await template?.cleanup();
  });

  it('inserts and reads back rows with Chinese text, an enum, JSON and a relation', async () => {
    const created = await client.institution.create({
      data: {
        name: '南开大学',
        kind: 'UNIVERSITY',
        city: '天津',
        profile: { founded: 1919, motto: '允公允能，日新月异' },
        members: { create: [{ fullName: '张伯苓' }] },
      },
    });

    const found = await client.institution.findUniqueOrThrow({
      where: { name: '南开大学' },
      include: { members: true },
    });

    expect(found).toMatchObject({
      id: created.id,
      name: '南开大学',
      kind: 'UNIVERSITY',
      city: '天津',
      profile: { founded: 1919, motto: '允公允能，日新月异' },
    });
    expect(found.members.map((m) => m.fullName)).toEqual(['张伯苓']);
    expect(found.members[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
