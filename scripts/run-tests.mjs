// Runs the test suites with Node's built-in test runner (TypeScript through tsx).
// With no arguments it runs every suite; otherwise the given folders. Each folder's
// *.test.ts files are found here because Node 20's runner does not glob .ts files itself.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ALL = ['strace-parser/test', 'test/unit', 'test/adapter', 'test/remote', 'test/e2e'];
const roots = process.argv.slice(2).length ? process.argv.slice(2) : ALL;

function findTests(dir) {
  let out = [];
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries.sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = roots.flatMap(findTests);
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
// One file at a time: many tests run strace, compilers and servers, and the machine has 2 cores.
// A test stuck on a child process or socket must fail, not hang CI: every test gets at most
// ten minutes, and a file whose tests are done exits even if a handle is still open.
const res = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=600000', '--test-force-exit', ...files],
  { stdio: 'inherit' },
);
process.exit(res.status ?? 1);
