module.exports = require('../../jest.config.base.cjs').config({ kind: 'unit' });
