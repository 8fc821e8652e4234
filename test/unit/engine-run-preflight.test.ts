/**
 * Preflight errors provoked for real: PATH without strace, PATH without the compiler, ptrace
 * denied by a seccomp filter (the container case), a binary built without debug info. Each must say what is wrong and how to fix it (the install
 * command for this machine's distribution, read from /etc/os-release).
 */
import { after, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startRun, EngineError } from '../../debug-adapter/engine';
import { checkDebugInfo, checkStrace, installCommand } from '../../debug-adapter/engine/preflight';
import { LocalTarget } from '../../debug-adapter/engine/targets/local';
import { FIXTURES, isolateCache, TempDirs } from '../support/fixtures';

const temp = new TempDirs();
const restoreCache = isolateCache(temp);
const originalPath = process.env.PATH;
afterEach(() => { process.env.PATH = originalPath; });
after(() => {
  restoreCache();
  temp.cleanup();
});

/** A PATH holding only these tools (symlinks to the real ones). */
function pathWith(tools: string[]): string {
  const dir = temp.make('syscall-lens-path-');
  for (const tool of tools) {
    const real = (originalPath ?? '').split(':').map((d) => join(d, tool)).find((p) => existsSync(p));
    assert.ok(real, `${tool} is not installed`);
    symlinkSync(real, join(dir, tool));
  }
  return dir;
}

const BASICS = ['sh', 'test', 'find', 'mkdir', 'stat', 'tail', 'true', 'cat'];

async function engineError(promise: Promise<unknown>): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof EngineError, `expected an EngineError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the run to be refused');
}

describe('preflight', () => {
  it('this machine: strace works, with stack traces and --seccomp-bpf', async () => {
    const caps = await checkStrace(new LocalTarget());
    assert.equal(caps.stackTrace, true);
    assert.equal(caps.seccompBpf, true);
    assert.match(caps.version, /^\d+\.\d+/);
  });

  it('strace missing: says so, with the apt command for Debian', async () => {
    const program = temp.fixture('c/files.c');
    process.env.PATH = pathWith(BASICS);
    const error = await engineError(startRun({ program, runsDir: temp.make() }));
    assert.equal(error.code, 'strace-missing');
    assert.match(error.message, /strace is not installed on this machine/);
    assert.equal(error.fix, 'Install it: sudo apt-get install -y strace');
  });

  it('compiler missing: names the compiler and how to install it', async () => {
    const program = temp.fixture('c/files.c');
    process.env.PATH = pathWith([...BASICS, 'strace']);
    const error = await engineError(startRun({ program, runsDir: temp.make() }));
    assert.equal(error.code, 'toolchain-missing');
    assert.match(error.message, /needs gcc/);
    assert.equal(error.fix, 'Install it: sudo apt-get install -y gcc');
  });

  it('Go missing: the Debian package is golang-go', async () => {
    const program = temp.fixture('go/files.go');
    process.env.PATH = pathWith([...BASICS, 'strace']);
    const error = await engineError(startRun({ program, runsDir: temp.make() }));
    assert.equal(error.code, 'toolchain-missing');
    assert.equal(error.fix, 'Install it: sudo apt-get install -y golang-go');
  });

  it('a binary without debug info runs, with a warning that mapping degrades to function names', async () => {
    const dir = temp.make();
    const binary = join(dir, 'nodebug');
    execFileSync('gcc', ['-O0', '-o', binary, temp.fixture('c/files.c')]);
    const warnings: string[] = [];
    assert.equal(await checkDebugInfo(new LocalTarget(), binary, { warning: (m) => warnings.push(m) }), false);
    assert.match(warnings[0] ?? '', /no debug info.*function names/);

    const runWarnings: string[] = [];
    const handle = await startRun({ program: binary, args: [join(dir, 'out')], runsDir: temp.make() }, { warning: (m) => runWarnings.push(m) });
    assert.equal((await handle.done).exitCode, 3);
    assert.ok(runWarnings.some((w) => /no debug info/.test(w)));
  });

  it('a binary with debug info gives no warning', async () => {
    const dir = temp.make();
    const binary = join(dir, 'debug');
    execFileSync('gcc', ['-g', '-o', binary, temp.fixture('c/files.c')]);
    const warnings: string[] = [];
    assert.equal(await checkDebugInfo(new LocalTarget(), binary, { warning: (m) => warnings.push(m) }), true);
    assert.deepEqual(warnings, []);
  });

  it('ptrace refused (a seccomp filter denying ptrace, as in a container without SYS_PTRACE): explains and exits 2', () => {
    const dir = temp.make();
    const denyPtrace = join(dir, 'deny-ptrace');
    execFileSync('gcc', ['-o', denyPtrace, join(FIXTURES, 'c/deny-ptrace.c')]);
    const program = temp.fixture('c/files.c');
    const root = resolve(__dirname, '../..');
    const result = spawnSync(denyPtrace, [process.execPath, '--import', 'tsx', join(root, 'debug-adapter/cli.ts'), 'trace', program], {
      cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env },
    });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /strace is not allowed to trace processes here \(ptrace: Operation not permitted\)/);
    assert.match(result.stderr, /fix: In a container, start it with --cap-add=SYS_PTRACE/);
  });

  it('install commands follow /etc/os-release', async () => {
    assert.equal(await installCommand(new LocalTarget(), 'g++'), 'Install it: sudo apt-get install -y g++');
  });
});
