// The benchmark runs under Jest only to reuse its TypeScript transform (swc,
// decorators) and the workspace's @tjc/source resolution; it asserts nothing.
const base = require('../../jest.config.base.cjs').config({ kind: 'int' });
module.exports = { ...base, roots: ['<rootDir>/bench'], testRegex: '.*\\.bench\\.ts$', testTimeout: 300_000 };
