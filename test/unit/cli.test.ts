/**
 * The `syscall-lens` CLI run as a real process (through tsx, so it needs no build): the readable
 * timeline with file:line and source text, no colours when piped, the program's output apart,
 * NDJSON with the promised fields, `show` of a saved run and of a plain strace log, and the
 * exit status (the program's, or 2 with a clear message when something failed before it ran).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { goCache, livePidsOf, livePidsWithArg, markerLine, sleep, TempDirs } from '../support/fixtures';

const ROOT = resolve(__dirname, '../..');
const temp = new TempDirs();
after(() => temp.cleanup());

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'debug-adapter/cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, GOCACHE: goCache(), XDG_CACHE_HOME: temp.make('syscall-lens-cache-'), ...env },
    encoding: 'utf8',
    timeout: 120_000,
    input: '',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('syscall-lens trace', () => {
  it('prints a timeline with file:line and the source text, without colours when piped', () => {
    const program = temp.fixture('c/files.c');
    const out = join(temp.make(), 'out.txt');
    const result = cli(['trace', program, '--', out]);
    assert.equal(result.status, 3, result.stderr);
    const line = markerLine(program, '#OPEN');
    const openLine = result.stdout.split('\n').find((l) => l.includes(`files.c:${line}`));
    assert.ok(openLine, result.stdout);
    assert.match(openLine, /openat\(.*\) = 3/);
    assert.match(openLine, /int fd = open\(path/);
    assert.match(openLine, /^\s*\d+\.\d{6}\s+\d+\s+openat/);
    assert.ok(!result.stdout.includes('\x1b['), 'no ANSI colours when stdout is not a terminal');
    assert.ok(!result.stdout.split('\n').some((l) => l === 'done' || l.startsWith('stdout|')), 'the program output is not in the timeline');
    assert.match(result.stderr, /^stdout\| done$/m);
    assert.match(result.stdout, /\+\+\+ exited with 3 \+\+\+/);
  });

  it('--json prints one event per line with the promised fields', () => {
    const program = temp.fixture('go/files.go');
    const result = cli(['trace', program, '--json', '--', join(temp.make(), 'o')]);
    assert.equal(result.status, 4, result.stderr);
    const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(events.length > 50);
    for (const key of ['seq', 'pid', 'type', 'name', 'args', 'ret', 'errno', 'start', 'duration', 'source', 'runtime', 'stack']) {
      assert.ok(key in events[0], `missing ${key}`);
    }
    events.forEach((e, i) => assert.equal(e.seq, i));
    const open = events.find((e) => e.name === 'openat' && e.source?.line === markerLine(program, '#OPEN'));
    assert.ok(open, 'the #OPEN openat is attributed');
    assert.deepEqual(open.source, { path: program, line: markerLine(program, '#OPEN') });
    assert.equal(open.runtime, false);
    assert.equal(typeof open.args, 'string');
    assert.ok(open.stack.length > 0);
    assert.ok(events.some((e) => e.runtime === true && e.source === null));
    assert.ok(events.some((e) => e.type === 'exit'));
    assert.match(result.stderr, /done/);
  });

  it('--filter keeps only those syscalls', () => {
    const program = temp.fixture('c/files.c');
    const result = cli(['trace', program, '--json', '--filter', 'openat,close', '--', join(temp.make(), 'o')]);
    assert.equal(result.status, 3, result.stderr);
    const names = new Set(result.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.type === 'syscall').map((e) => e.name));
    assert.deepEqual([...names].sort(), ['close', 'openat']);
  });

  it('a build error exits 2 with file:line of the marked line', () => {
    const program = temp.fixture('c/broken.c');
    const result = cli(['trace', program]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, new RegExp(`broken\\.c:${markerLine(program, '#ERROR')}:\\d+: error`));
    assert.equal(result.stdout, '');
  });

  it('a program that cannot be executed exits 2, not with strace\'s status', () => {
    const file = join(temp.make(), 'not-a-program');
    writeFileSync(file, 'plain text');
    chmodSync(file, 0o755);
    const result = cli(['trace', file]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /strace could not run the program: strace: exec: Exec format error/);
  });

  it('strace missing exits 2 with the install command', () => {
    const program = temp.fixture('c/files.c');
    const bin = temp.make('syscall-lens-path-');
    symlinkSync('/bin/sh', join(bin, 'sh'));
    const result = cli(['trace', program], { PATH: bin });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /strace is not installed/);
    assert.match(result.stderr, /apt-get install -y strace/);
  });

  it('Ctrl-C (SIGINT) stops the whole traced tree and exits 130', async () => {
    const program = temp.fixture('c/fork-forever.c');
    const cache = temp.make('syscall-lens-cache-');
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'debug-adapter/cli.ts'), 'trace', program], {
      cwd: ROOT, env: { ...process.env, GOCACHE: goCache(), XDG_CACHE_HOME: cache }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      try {
        for (let i = 0; i < 600 && !/stdout\| started/.test(stderr); i++) await sleep(50);
        assert.match(stderr, /stdout\| started/);
        child.kill('SIGINT');
        assert.equal(await exited, 130);
      } finally {
        child.kill('SIGKILL');
      }
      const runDir = /run saved in (.+)/.exec(stderr)?.[1];
      assert.ok(runDir, stderr);
      const binary = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')).build.binary as string;
      assert.deepEqual(livePidsOf(binary), []);
      assert.deepEqual(livePidsWithArg(runDir), []);
    } finally {
      // Checked above; if a check failed, the never-ending tree (its own session, so killing
      // the CLI does not reach it) must not outlive the test: strace and every copy of the
      // program carry the binary's path in the test's cache on their command line.
      for (const pid of livePidsWithArg(cache)) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      }
    }
  });

  it('usage errors exit 2 with the usage', () => {
    for (const args of [[], ['frobnicate'], ['trace'], ['trace', 'x.c', '--bogus'], ['trace', 'x.c', '--target', 'ftp:x']]) {
      const result = cli(args);
      if (args.length === 0) {
        assert.equal(result.status, 0);
        assert.match(result.stdout, /Usage:/);
        continue;
      }
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, /syscall-lens: .+\n\nUsage:/);
    }
  });
});

describe('syscall-lens show', () => {
  it('prints a saved run the same way as the live trace', () => {
    const program = temp.fixture('c/files.c');
    const runsDir = temp.make();
    const out = join(temp.make(), 'o');
    const live = cli(['trace', program, '--json', '--runs-dir', runsDir, '--', out]);
    assert.equal(live.status, 3, live.stderr);
    const [runId] = readdirSync(runsDir);
    assert.ok(runId && existsSync(join(runsDir, runId, 'run.json')));
    const shown = cli(['show', join(runsDir, runId), '--json']);
    assert.equal(shown.status, 0, shown.stderr);
    const strip = (text: string) => text.trim().split('\n').map((l) => {
      const e = JSON.parse(l);
      return [e.seq, e.name, e.ret, e.source?.line ?? null, e.runtime];
    });
    assert.deepEqual(strip(shown.stdout), strip(live.stdout));
  });

  it('prints any strace log, and fails clearly on a missing one', () => {
    const log = join(temp.make(), 'x.strace');
    spawnSync('strace', ['-f', '-o', log, '--', 'sh', '-c', 'echo hi > /dev/null']);
    const shown = cli(['show', log]);
    assert.equal(shown.status, 0, shown.stderr);
    assert.match(shown.stdout, /execve\(/);
    const missing = cli(['show', '/nonexistent/run']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no run folder or strace log/);
  });
});
