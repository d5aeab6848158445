#!/usr/bin/env node
// `response`, the command of an installed Response (package.json `bin`): runs the built CLI, dist/main/cli.js,
// so nothing is compiled at run time. In a checkout, `npm run build` makes dist/ (or use `npm run cli -- …`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('Response is not built here (no dist/main/cli.js): run `npm run build` in this checkout, or `npm run cli -- <command>`.');
  process.exit(1);
}
await import(cli.href);
