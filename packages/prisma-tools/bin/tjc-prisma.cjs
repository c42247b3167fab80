#!/usr/bin/env node
'use strict';
// Runs the built CLI (dist/). Build it first: pnpm --filter @tjc/prisma-tools build
let cli;
try {
  cli = require('../dist/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND') {
    console.error('tjc-prisma: dist/ is missing; run `pnpm --filter @tjc/prisma-tools build` first.');
    process.exit(1);
  }
  throw error;
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
