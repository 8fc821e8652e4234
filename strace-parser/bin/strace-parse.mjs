#!/usr/bin/env node
// The `strace-parse` bin. It exists in the source tree (unlike dist/) so that `npm install`
// / `npm ci` link it into node_modules/.bin before anything is built; it only loads the CLI
// that `npm run build` bundles into dist/cli.js, and says so when that has not happened yet.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('strace-parse: the CLI is not built yet; run "npm run build" at the repository root first.\n');
  process.exit(2);
}
await import(cli);
