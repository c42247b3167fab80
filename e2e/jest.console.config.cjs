// Browser tests of the console (headless Chromium through playwright-core).
// They need the platform running (./platform up, or ./platform infra + services)
// and the console served on CONSOLE_URL (default http://127.0.0.1:3100).
const base = require('../jest.config.base.cjs').config({ kind: 'int' });

module.exports = {
  ...base,
  rootDir: __dirname,
  testRegex: 'console/.*\\.e2e\\.ts$',
  testTimeout: 240_000,
  maxWorkers: 1,
};
