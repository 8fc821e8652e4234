/**
 * The whole engine flow over SSH against a real sshd on 127.0.0.1: build on the target,
 * strace there, symbolize there, and sources mapped back to this machine's paths through a
 * shared folder (remoteRoot, sourceMap) and through sync; argv byte-exact through strace;
 * stop leaves nothing running; a lost connection ends the run with a clear message while the
 * recording so far stays openable; strace missing on the target names the install command.
 */
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, readdirSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openRecording, startRun } from '../../debug-adapter/engine';
import type { RunHandle, RunOptions, TraceEvent } from '../../debug-adapter/engine/types';
import { EngineError } from '../../debug-adapter/engine/types';
import { syncDirName } from '../../debug-adapter/engine/targets/remote-sync';
import { Scratch, markerLine } from './support/project';
import { privateTmpdir, processesWith, sshMasters, waitFor, waitUntilGone } from './support/processes';
import { startSshd, type TestSshd } from './support/sshd';

function events(handle: RunHandle): TraceEvent[] {
  return Array.from({ length: handle.model.length }, (_, i) => handle.model.event(i));
}

function eventAt(handle: RunHandle, name: string, path: string, line: number): TraceEvent | undefined {
  return events(handle).find((e) => e.name === name && e.source?.path === path && e.source.line === line);
}

describe('startRun over SSH', () => {
  let sshd: TestSshd;
  const scratch = new Scratch();
  let runsDir: string;
  let tmp: ReturnType<typeof privateTmpdir>;
  const masters = () => sshMasters(tmp.dir);

  before(async () => {
    tmp = privateTmpdir();
    sshd = await startSshd();
    runsDir = scratch.runs();
  });
  after(async () => {
    try {
      await sshd?.stop();
    } finally {
      scratch.cleanup();
      tmp?.restore();
    }
  });

  async function run(options: Omit<RunOptions, 'runsDir'>, output?: { stdout: Buffer[]; stderr: Buffer[] }): Promise<RunHandle> {
    return startRun({ runsDir, ...options }, {
      stdout: (c) => output?.stdout.push(c),
      stderr: (c) => output?.stderr.push(c),
    });
  }

  it('builds, traces and symbolizes on the target; program output stays apart from the trace', async () => {
    const main = scratch.program('files.c');
    const output = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    const handle = await run({ program: main, target: sshd.spec() }, output);
    const end = await handle.done;
    assert.equal(end.reason, 'exited');
    assert.equal(end.exitCode, 0);
    for (const marker of ['OPEN', 'WRITE', 'CLOSE']) {
      const name = { OPEN: 'openat', WRITE: 'write', CLOSE: 'close' }[marker]!;
      assert.ok(eventAt(handle, name, main, markerLine(main, marker)), `${name} on #${marker}`);
    }
    assert.equal(Buffer.concat(output.stdout).toString(), 'to stdout\n');
    assert.equal(Buffer.concat(output.stderr).toString(), 'to stderr\n');
    assert.ok(existsSync(join(handle.runDir, 'trace.strace')));
    assert.ok(await waitFor(() => masters().length === 0), 'the master is closed after the run');
  });

  it('maps a shared folder through remoteRoot and through sourceMap', async () => {
    // Remote and local paths differ: the "remote" folder is a symlink-free copy at another path.
    const local = scratch.program('files.c', 'local-side');
    const remoteDir = join(dirname(dirname(local)), 'remote-side');
    cpSync(dirname(local), remoteDir, { recursive: true });
    const viaRoot = await run({ program: local, cwd: dirname(local), target: sshd.spec({ remoteRoot: remoteDir }) });
    await viaRoot.done;
    assert.ok(eventAt(viaRoot, 'openat', local, markerLine(local, 'OPEN')), 'openat mapped to the local file (remoteRoot)');
    assert.equal(viaRoot.metadata.cwd, remoteDir, 'the local cwd became the remote folder');
    assert.ok(existsSync(join(remoteDir, 'out.txt')), 'the program ran in the remote folder');
    assert.ok(!existsSync(join(dirname(local), 'out.txt')), 'and not in the local one');

    const viaMap = await run({ program: local, target: sshd.spec(), sourceMap: { [remoteDir]: dirname(local) } });
    await viaMap.done;
    assert.ok(eventAt(viaMap, 'openat', local, markerLine(local, 'OPEN')), 'openat mapped to the local file (sourceMap)');
    assert.ok(!events(viaMap).some((e) => e.source?.path.startsWith(remoteDir)), 'no remote path is shown');
  });

  it('sync uploads the folder with tar and maps the uploaded sources back', async () => {
    const local = scratch.program('files.c', 'synced project');
    const remoteDir = join(homedir(), '.cache/syscall-lens/sync', syncDirName(dirname(local)));
    scratch.track(remoteDir);
    const handle = await run({ program: local, target: sshd.spec({ sync: true }) });
    await handle.done;
    assert.ok(existsSync(join(remoteDir, 'main.c')), 'uploaded');
    assert.ok(existsSync(join(remoteDir, 'out.txt')), 'ran in the uploaded folder');
    assert.ok(!existsSync(join(dirname(local), 'out.txt')));
    assert.ok(eventAt(handle, 'openat', local, markerLine(local, 'OPEN')), 'openat mapped to the local file (sync)');
  });

  it('passes arguments byte-exact through strace on the target', async () => {
    const main = scratch.program('echo-argv.c');
    const args = ['two words', "it's", '$(id)', '`id`', 'a;b', 'x\ny', 'naïve 🐧', '', '*'];
    const output = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    const handle = await run({ program: main, args, target: sshd.spec() }, output);
    await handle.done;
    assert.deepEqual(Buffer.concat(output.stdout).toString('utf8').split('\0').slice(0, -1), args);
    assert.ok(eventAt(handle, 'write', main, markerLine(main, 'WRITE')));
  });

  it('stop kills strace, the program and its children on the target, and closes the master', async () => {
    const main = scratch.program('ticker.c');
    const handle = await run({ program: main, target: sshd.spec() });
    const binary = handle.metadata.build?.binary ?? 'no binary';
    try {
      assert.ok(await waitFor(() => handle.model.length > 20, 20_000), 'events stream in while it runs');
      assert.ok(processesWith(binary).length >= 2, 'strace and the program run on the target');
    } finally {
      await handle.stop(); // also when an assertion failed: the ticker never ends by itself
    }
    const end = await handle.done;
    assert.equal(end.reason, 'stopped');
    assert.deepEqual(await waitUntilGone(binary), []);
    assert.ok(await waitFor(() => masters().length === 0), 'no master left');
    assert.ok(eventAt(handle, 'getppid', main, markerLine(main, 'TICK')));
  });

  it('a lost connection ends the run with a clear message and keeps the recording', async () => {
    const lost = await startSshd();
    try {
      const main = scratch.program('ticker.c');
      const handle = await run({ program: main, target: lost.spec() });
      assert.ok(await waitFor(() => handle.model.length > 20, 20_000), 'events stream in');
      const binary = handle.metadata.build?.binary ?? 'no binary';
      lost.killAll();
      const end = await handle.done;
      assert.equal(end.reason, 'connection-lost');
      assert.match(end.message ?? '', /connection to ssh .* was lost/i);
      // The target's watchdog kills the traced tree once its sshd is gone.
      assert.deepEqual(await waitUntilGone(binary, 8000), []);
      const reopened = await openRecording(handle.runDir);
      await reopened.done;
      assert.ok(reopened.model.length > 20, `the saved trace holds the events (${reopened.model.length})`);
    } finally {
      await lost.stop();
    }
  });

  it('strace missing on the target is strace-missing with the install command', async () => {
    // A PATH holding everything in /usr/bin and /bin except strace.
    const bin = scratch.dir('sl-nostrace-');
    for (const dir of ['/usr/bin', '/bin', '/usr/sbin']) {
      for (const name of readdirSync(dir)) {
        if (name !== 'strace' && !existsSync(join(bin, name))) symlinkSync(join(dir, name), join(bin, name));
      }
    }
    const bare = await startSshd([], { PATH: bin });
    try {
      const main = scratch.program('files.c');
      await assert.rejects(run({ program: main, target: bare.spec() }), (error: unknown) => {
        assert.ok(error instanceof EngineError);
        assert.equal(error.code, 'strace-missing');
        assert.match(error.message, /strace is not installed on ssh /);
        assert.match(error.fix ?? '', /apt-get install -y strace/);
        return true;
      });
    } finally {
      await bare.stop();
    }
  });
});
