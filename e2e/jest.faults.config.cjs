// The fault suite (pnpm faults): its own private stack (e2e/src/stack), one
// file, one worker — the faults kill and restart processes the whole run shares.
const base = require('../jest.config.base.cjs').config({ kind: 'int' });

module.exports = {
  ...base,
  rootDir: __dirname,
  testRegex: 'faults/.*\\.faults\\.ts$',
  testTimeout: 600_000,
  maxWorkers: 1,
};
