/**
 * startRun for real: C, Go and Rust programs traced under strace with every marker attributed
 * to its line, exit codes, the program's output apart from strace's, args byte-exact, stdin,
 * cwd and env, a syscall filter, the run folder written and reopened.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRecording, startRun, type RunHandle, type RunHooks, type TraceEvent } from '../../debug-adapter/engine';
import { markerLine, isolateCache, TempDirs } from '../support/fixtures';

const temp = new TempDirs();
const restoreCache = isolateCache(temp);
after(() => {
  restoreCache();
  temp.cleanup();
});

interface Captured {
  stdout: Buffer[];
  stderr: Buffer[];
  strace: string[];
  warnings: string[];
}

function capture(): { hooks: RunHooks; captured: Captured } {
  const captured: Captured = { stdout: [], stderr: [], strace: [], warnings: [] };
  const hooks: RunHooks = {
    stdout: (c) => captured.stdout.push(c),
    stderr: (c) => captured.stderr.push(c),
    straceMessage: (l) => captured.strace.push(l),
    warning: (m) => captured.warnings.push(m),
  };
  return { hooks, captured };
}

function events(handle: RunHandle): TraceEvent[] {
  return Array.from({ length: handle.model.length }, (_, i) => handle.model.event(i));
}

function syscallsAt(handle: RunHandle, path: string, line: number): string[] {
  return events(handle).filter((e) => e.source?.path === path && e.source.line === line).map((e) => e.name);
}

describe('startRun: markers attributed to their lines', () => {
  const cases = [
    { fixture: 'c/files.c', exit: 3, expect: { '#OPEN': 'openat', '#WRITE': 'write', '#CLOSE': 'close', '#STDOUT': 'write' } },
    { fixture: 'go/files.go', exit: 4, expect: { '#OPEN': 'openat', '#WRITE': 'write', '#CLOSE': 'close', '#STDOUT': 'write' } },
    { fixture: 'rust/files.rs', exit: 5, expect: { '#OPEN': 'openat', '#WRITE': 'write', '#CLOSE': 'close', '#STDOUT': 'write' } },
    // ofstream writes its buffer when closed, so the write is on the #CLOSE line.
    { fixture: 'cpp/files.cpp', exit: 6, expect: { '#OPEN': 'openat', '#CLOSE': 'close', '#STDOUT': 'write' } },
  ];
  for (const c of cases) {
    it(`${c.fixture}: each marked line made its syscall; exit code ${c.exit}`, async () => {
      const program = temp.fixture(c.fixture);
      const out = join(temp.make(), 'out.txt');
      const { hooks, captured } = capture();
      const handle = await startRun({ program, args: [out], runsDir: temp.make() }, hooks);
      const end = await handle.done;
      assert.deepEqual(end, { exitCode: c.exit, reason: 'exited', signal: undefined });
      assert.equal(Buffer.concat(captured.stdout).toString(), 'done\n');
      assert.ok(readFileSync(out, 'utf8').startsWith('hello from'));
      for (const [marker, name] of Object.entries(c.expect)) {
        const names = syscallsAt(handle, program, markerLine(program, marker));
        assert.ok(names.includes(name), `${marker}: expected ${name} at line ${markerLine(program, marker)}, got [${names.join(', ')}]`);
      }
      // The fd answer: just after the #OPEN openat, the fd it returned is the file we asked for.
      const open = events(handle).find((e) => e.name === 'openat' && e.source?.line === markerLine(program, '#OPEN'));
      assert.ok(open && open.ret !== undefined);
      const entry = handle.model.fdTableAt(open.seq).find((f) => f.fd === open.ret);
      assert.ok(entry, `fd ${open.ret} missing from the table after #OPEN`);
      assert.match(entry.description, /out\.txt/);
      assert.equal(handle.model.ended, true);
    });
  }

  it('Go: no runtime event is attributed to a user line', async () => {
    const program = temp.fixture('go/files.go');
    const handle = await startRun({ program, args: [join(temp.make(), 'o')], runsDir: temp.make() });
    await handle.done;
    const all = events(handle);
    assert.ok(all.length > 50);
    let runtime = 0;
    for (const e of all) {
      // Independent of the Recorder's decision: does the stack hold a frame of package main?
      const userFrame = e.stack.some((f) => f.function?.startsWith('main.') && f.file === program);
      if (e.source) {
        assert.ok(userFrame, `${e.name} #${e.seq} attributed to ${e.source.line} without a main.* frame`);
        assert.equal(e.runtime, false);
      }
      if (!userFrame && e.type === 'syscall') {
        assert.equal(e.source, null, `${e.name} #${e.seq} has no main.* frame but a source line`);
        runtime++;
      }
    }
    assert.ok(runtime > 20, 'the Go runtime made syscalls of its own');
  });
});

describe('startRun: what the program gets', () => {
  it('passes args byte-exact, never through a shell', async () => {
    const program = temp.fixture('c/args.c');
    const witness = join(temp.make(), 'pwned');
    const args = ['a b', `"q'uo"te`, `$(touch ${witness})`, '`touch ${witness}`', 'line1\nline2', 'héllo ✓ 日本', '', '*', '--', '-x', '\\ \t;|&'];
    const { hooks, captured } = capture();
    const handle = await startRun({ program, args, runsDir: temp.make() }, hooks);
    assert.equal((await handle.done).exitCode, 0);
    assert.deepEqual(Buffer.concat(captured.stdout), Buffer.from(args.map((a) => `${a}\0`).join(''), 'utf8'));
    assert.equal(existsSync(witness), false);
    assert.deepEqual(handle.metadata.args, args);
  });

  it('feeds stdin, and runs in cwd with env', async () => {
    const program = temp.fixture('c/stdin-echo.c');
    const { hooks, captured } = capture();
    const handle = await startRun({ program, runsDir: temp.make() }, hooks);
    handle.stdin?.end('hello through stdin\n');
    assert.equal((await handle.done).exitCode, 0);
    assert.equal(Buffer.concat(captured.stdout).toString(), 'hello through stdin\n');

    const cwd = temp.make();
    const env = capture();
    const sh = await startRun({ program: '/bin/sh', build: false, args: ['-c', 'pwd; printf "%s" "$LENS_VAR"'], cwd, env: { LENS_VAR: 'x y' }, runsDir: temp.make() }, env.hooks);
    handle.stdin?.destroy();
    sh.stdin?.end();
    assert.equal((await sh.done).exitCode, 0);
    assert.equal(Buffer.concat(env.captured.stdout).toString(), `${cwd}\nx y`);
    assert.ok(env.captured.warnings.some((w) => /no debug info/.test(w)), 'a binary without DWARF is reported');
  });

  it('a program writing megabytes streams them all without holding them', async () => {
    const program = temp.fixture('c/megabytes.c');
    let bytes = 0;
    let chunks = 0;
    const handle = await startRun({ program, args: ['16'], runsDir: temp.make(), filter: ['exit_group'] }, {
      stdout: (c) => { bytes += c.length; chunks++; },
    });
    assert.equal((await handle.done).exitCode, 0);
    assert.equal(bytes, 16 * 1024 * 1024);
    assert.ok(chunks > 16, 'output arrived in pieces, as it was written');
  });

  it('a syscall filter records only those calls', async () => {
    const program = temp.fixture('c/files.c');
    const handle = await startRun({ program, args: [join(temp.make(), 'f')], filter: ['openat', 'close'], runsDir: temp.make() });
    await handle.done;
    const names = new Set(events(handle).filter((e) => e.type === 'syscall').map((e) => e.name));
    assert.deepEqual([...names].sort(), ['close', 'openat']);
    assert.ok(handle.metadata.straceCommand.includes('trace=openat,close'));
  });
});

describe('run folders', () => {
  it('keeps trace.strace and run.json, and reopens the run without running it', async () => {
    const program = temp.fixture('c/files.c');
    const runsDir = temp.make();
    const handle = await startRun({ program, args: [join(temp.make(), 'f')], runsDir });
    await handle.done;
    assert.ok(handle.runDir.startsWith(runsDir));
    const trace = readFileSync(join(handle.runDir, 'trace.strace'), 'utf8');
    assert.match(trace, /openat\(/);
    const meta = JSON.parse(readFileSync(join(handle.runDir, 'run.json'), 'utf8'));
    assert.equal(meta.version, 1);
    assert.equal(meta.program, program);
    assert.equal(meta.exitCode, 3);
    assert.ok(meta.endedAt);
    assert.deepEqual(meta.sourceRoots, [join(program, '..')]);
    assert.equal(meta.straceCommand[0], 'strace');

    const reopened = await openRecording(handle.runDir);
    const end = await reopened.done;
    assert.equal(end.exitCode, 3);
    assert.equal(reopened.model.length, handle.model.length);
    assert.equal(reopened.stdin, undefined);
    const line = markerLine(program, '#OPEN');
    assert.deepEqual(syscallsAt(reopened, program, line), syscallsAt(handle, program, line));
    assert.ok(syscallsAt(reopened, program, line).includes('openat'));
  });

  it('opens any strace log', async () => {
    const dir = temp.make();
    const log = join(dir, 'plain.log');
    const { spawnSync } = await import('node:child_process');
    assert.equal(spawnSync('strace', ['-f', '-tt', '-T', '-o', log, '--', 'sh', '-c', 'exit 7']).status, 7);
    const handle = await openRecording(log);
    const end = await handle.done;
    assert.equal(end.exitCode, 7);
    assert.ok(events(handle).some((e) => e.name === 'execve'));
    assert.equal(handle.metadata.program, log);
  });

  it('a missing recording is a clear error', async () => {
    await assert.rejects(openRecording('/nonexistent/run'), /no run folder or strace log/);
  });
});
