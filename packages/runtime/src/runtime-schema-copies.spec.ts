/**
 * Every service database carries the runtime tables: each service's
 * prisma/schema/runtime.prisma must equal the canonical copy here.
 * Fix with scripts/sync-runtime-schema.sh, then create a migration.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..', '..');
const canonical = readFileSync(path.join(__dirname, '..', 'prisma', 'runtime.prisma'), 'utf8');
const copies = [
  path.join(__dirname, '..', 'test', 'prisma', 'schema', 'runtime.prisma'),
  ...(existsSync(path.join(root, 'services')) ? readdirSync(path.join(root, 'services')).map((s) => path.join(root, 'services', s, 'prisma', 'schema', 'runtime.prisma')) : []),
].filter(existsSync);

describe('runtime.prisma copies', () => {
  it('finds at least the runtime test schema', () => expect(copies.length).toBeGreaterThan(0));
  it.each(copies.map((c) => [path.relative(root, c), c]))('%s equals the canonical copy', (_name, file) => {
    expect(readFileSync(file, 'utf8')).toBe(canonical);
  });
});
