/**
 * Packaging checks: the core bundles for a browser (esbuild platform=browser) without any
 * Node built-in and runs in a bare VM context that has no `require`, `process` or `Buffer`;
 * the CLI prints NDJSON and a --summary line, reads stdin, fails clearly on a missing file;
 * and the workspace bin `strace-parse` is linked in node_modules/.bin.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import * as esbuild from 'esbuild';

const pkg = resolve(__dirname, '..');
const root = resolve(pkg, '..');
let dir: string;
before(() => { dir = mkdtempSync(join(tmpdir(), 'strace-parser-pkg-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

const TRACE = [
  '8606  1.000000 openat(AT_FDCWD</tmp>, "/etc/hostname", O_RDONLY <unfinished ...>',
  '8607  1.000100 getpid() = 8607',
  '8606  1.000200 <... openat resumed>) = 3</etc/hostname> <0.000027>',
  ' > /usr/lib/x86_64-linux-gnu/libc.so.6(__open64+0xd0) [0xf8090]',
  'this is not strace output',
  '8606  1.000300 +++ exited with 0 +++',
].join('\n');

test('the core bundles for the browser with no Node built-ins and runs without Node globals', async () => {
  const r = await esbuild.build({
    entryPoints: [join(pkg, 'src/index.ts')], bundle: true, platform: 'browser', format: 'iife', globalName: 'StraceParserLib',
    write: false, metafile: true, logLevel: 'silent',
  });
  assert.deepEqual(r.errors, []);
  const inputs = Object.keys(r.metafile.inputs);
  assert.ok(inputs.every((i) => i.startsWith('strace-parser/src/') && !i.includes('node-stream') && !i.includes('cli')), inputs.join(' '));
  const code = r.outputFiles[0]!.text;
  assert.ok(!/\brequire\(/.test(code) && !/["']node:/.test(code), 'no require() or node: imports in the bundle');
  const sandbox: Record<string, unknown> = { TextDecoder, TextEncoder };
  runInNewContext(`${code}\nglobalThis.result = StraceParserLib.parse(trace).map(r => r.kind + ':' + r.lines.join('+'));\nglobalThis.args = StraceParserLib.parseArgs('3, "a\\\\n", [1 => 2]').map(a => a.type);`, Object.assign(sandbox, { trace: TRACE }));
  assert.deepEqual(Array.from(sandbox.result as string[]), ['syscall:2', 'syscall:1+3+4', 'unparsed:5', 'exit:6']);
  assert.deepEqual(Array.from(sandbox.args as string[]), ['number', 'string', 'inout']);
});

test('CLI: NDJSON, --summary, stdin, --args, a clear error for a missing file', async () => {
  const cli = join(dir, 'cli.js');
  await esbuild.build({ entryPoints: [join(pkg, 'src/cli.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: cli, logLevel: 'silent' });
  const file = join(dir, 'trace.8606');
  writeFileSync(file, `${TRACE}\n`);
  const nd = spawnSync(process.execPath, [cli, file], { encoding: 'utf8' });
  assert.equal(nd.status, 0, nd.stderr);
  const recs = nd.stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; pid: number; lines: number[] });
  assert.deepEqual(recs.map((x) => x.kind), ['syscall', 'syscall', 'unparsed', 'exit']);
  assert.equal(recs[2]!.pid, 8606, 'pid from the -ff style file name');
  const sum = spawnSync(process.execPath, [cli, '--summary', '-'], { input: TRACE, encoding: 'utf8' });
  const last = JSON.parse(sum.stdout.trim().split('\n').pop()!) as Record<string, number>;
  assert.deepEqual([last.lines, last.events, last.unparsed], [6, 4, 1]);
  const withArgs = spawnSync(process.execPath, [cli, '--args', file], { encoding: 'utf8' });
  const first = JSON.parse(withArgs.stdout.split('\n')[1]!) as { args: { type: string }[] };
  assert.deepEqual(first.args.map((a) => a.type), ['fd', 'string', 'flags']);
  const missing = spawnSync(process.execPath, [cli, join(dir, 'nope')], { encoding: 'utf8' });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read .*nope/);
});

test('the workspace bin strace-parse is linked and runs the built CLI', (t) => {
  const link = join(root, 'node_modules/.bin/strace-parse');
  assert.ok(existsSync(join(pkg, 'bin/strace-parse.mjs')));
  assert.equal(readlinkSync(link), '../strace-parser/bin/strace-parse.mjs');
  if (!existsSync(join(pkg, 'dist/cli.js'))) { t.skip('dist/ not built (npm run build)'); return; }
  const r = spawnSync(link, ['--summary', '-'], { input: TRACE, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /"lines":6,"events":4,"unparsed":1/);
});
