// Shared Jest settings for every workspace package.
//
// Why @swc/jest: it compiles TypeScript with legacy decorators and emits
// `design:paramtypes` metadata, which NestJS dependency injection needs, and is
// fast enough to keep the unit suite quick on a 2-core machine.
// Why `@tjc/source` first in customExportConditions: workspace packages are
// then loaded from their TypeScript sources, so tests never need a prior build.
// Jest must run with NODE_OPTIONS=--experimental-vm-modules on Node >= 24.9:
// NestJS 12 is ESM-only and Jest can only require() ESM with that flag.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** @param {{ kind: 'unit' | 'int' }} opts */
function config({ kind }) {
  return {
    testEnvironment: 'node',
    testEnvironmentOptions: { customExportConditions: ['@tjc/source', 'node', 'require', 'default'] },
    transform: { '^.+\\.(t|j)s$': swc },
    moduleFileExtensions: ['ts', 'js', 'json'],
    // Prisma's generated TypeScript client imports its siblings as `./x.js`
    // (NodeNext style); point Jest at the .ts source.
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    testRegex: kind === 'unit' ? '.*\\.spec\\.ts$' : '.*\\.int-spec\\.ts$',
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    // Integration specs talk to real Kafka/PostgreSQL/Redis: give them room, and
    // keep workers low so a 2-core machine is not oversubscribed.
    testTimeout: kind === 'unit' ? 10_000 : 120_000,
    maxWorkers: kind === 'unit' ? '50%' : 1,
  };
}

module.exports = { config, swc };
