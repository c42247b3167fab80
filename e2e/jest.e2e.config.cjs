// End-to-end suites against the running platform (./platform test starts it):
// the authorization matrix and the console's browser tests.
const base = require('../jest.config.base.cjs').config({ kind: 'int' });

module.exports = {
  ...base,
  rootDir: __dirname,
  testRegex: '(console|ops|security|scenarios)/.*\\.e2e\\.ts$',
  testTimeout: 300_000,
  maxWorkers: 1,
  testSequencer: require.resolve('./jest.sequencer.cjs'),
};
