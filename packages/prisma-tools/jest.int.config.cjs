const base = require('../../jest.config.base.cjs').config({ kind: 'int' });

module.exports = {
  ...base,
  // The Prisma client generated into test/fixture/generated imports its own
  // files as './x.js' (ESM-style); Jest must find the .ts source instead.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
