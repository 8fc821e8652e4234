/**
 * The Vagrant target for real: a vagrant-lxc machine (a system container from the cached
 * debootstrap box) sharing this machine's network with its sshd on 127.0.0.1. The whole flow
 * runs through `{ type: 'vagrant' }`: the nearest Vagrantfile above the program is found,
 * `vagrant ssh-config` gives the connection, the program is built and traced inside, and its
 * sources come back through `/vagrant`; the debug adapter steps through such a run. Also:
 * stop leaves nothing running inside, and the "not running" and "vagrant missing" errors. The machine is destroyed after, always, and
 * this machine's interfaces and routes must be exactly as before.
 */
import { strict as assert } from 'node:assert';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startRun } from '../../debug-adapter/engine';
import type { RunHandle, TraceEvent } from '../../debug-adapter/engine/types';
import { EngineError } from '../../debug-adapter/engine/types';
import { VagrantTarget } from '../../debug-adapter/engine/targets/vagrant';
import { StraceClient } from '../adapter/support/client';
import { PROGRAMS, markerLine } from './support/project';
import { processesWith, waitFor, waitUntilGone } from './support/processes';
import { networkState, upMachine, vagrantUnavailable, type VagrantMachine } from './support/vagrant-lxc';

const unavailable = vagrantUnavailable();

function eventAt(handle: RunHandle, name: string, path: string, line: number): TraceEvent | undefined {
  for (let i = 0; i < handle.model.length; i++) {
    const e = handle.model.event(i);
    if (e.name === name && e.source?.path === path && e.source.line === line) return e;
  }
  return undefined;
}

describe('Vagrant target on a real vagrant-lxc machine', { skip: unavailable }, () => {
  let machine: VagrantMachine | undefined;
  let networkBefore = '';
  let runsDir = '';
  const savedHome = process.env.VAGRANT_HOME;

  before(async () => {
    networkBefore = networkState();
    runsDir = mkdtempSync(join(tmpdir(), 'sl-vagrant-runs-'));
    machine = await upMachine();
    process.env.VAGRANT_HOME = machine.vagrantHome;
  });

  after(() => {
    machine?.destroy();
    if (savedHome === undefined) delete process.env.VAGRANT_HOME;
    else process.env.VAGRANT_HOME = savedHome;
    rmSync(runsDir, { recursive: true, force: true });
    assert.equal(networkState(), networkBefore, "this machine's interfaces and routes are unchanged");
  });

  function program(name: string, sub: string): string {
    const folder = join(machine!.project, sub);
    mkdirSync(folder, { recursive: true });
    // lxc bind-mounts /vagrant without an id mapping: let the machine's `vagrant` user write here.
    chmodSync(folder, 0o777);
    copyFileSync(join(PROGRAMS, name), join(folder, 'main.c'));
    return join(folder, 'main.c');
  }

  it('builds, traces and symbolizes inside the machine; sources map back through /vagrant', async () => {
    const main = program('files.c', 'files');
    const stdout: Buffer[] = [];
    const handle = await startRun({ program: main, target: { type: 'vagrant' }, runsDir }, { stdout: (c) => stdout.push(c) });
    const end = await handle.done;
    assert.equal(end.reason, 'exited');
    assert.equal(end.exitCode, 0);
    assert.equal(Buffer.concat(stdout).toString(), 'to stdout\n');
    for (const [marker, name] of [['OPEN', 'openat'], ['WRITE', 'write'], ['CLOSE', 'close']]) {
      assert.ok(eventAt(handle, name, main, markerLine(main, marker)), `${name} on #${marker}, mapped to ${main}`);
    }
    // It ran in /vagrant/files, which is this folder.
    assert.ok(existsSync(join(machine!.project, 'files', 'out.txt')));
    assert.equal(handle.metadata.target.type, 'vagrant');
  });

  it('the debug adapter steps through a program traced inside the machine, on local lines', async () => {
    const main = program('files.c', 'stepping');
    // Started now, so the adapter process inherits this test's VAGRANT_HOME.
    const dc = new StraceClient({ adapterStderr: false });
    await dc.start();
    try {
      const stop = await dc.startSession('launch', { program: main, stopOnEntry: true, runsDir, target: { type: 'vagrant' } });
      const tid = stop.body.threadId ?? 0;
      await dc.untilRunEnded(120_000);
      assert.deepEqual(await dc.userFrame(tid).then((f) => [f.path, f.line]), [main, markerLine(main, 'OPEN')]);
      await dc.move('next', tid);
      assert.equal((await dc.userFrame(tid)).line, markerLine(main, 'WRITE'));
      await dc.move('stepBack', tid);
      assert.equal((await dc.userFrame(tid)).line, markerLine(main, 'OPEN'));
    } finally {
      await dc.stop();
    }
  });

  it('stop kills the traced tree inside the machine', async () => {
    const main = program('ticker.c', 'ticker');
    const handle = await startRun({ program: main, target: { type: 'vagrant', vagrantfileDir: machine!.project }, runsDir });
    const binary = handle.metadata.build?.binary ?? 'no binary';
    try {
      assert.ok(await waitFor(() => handle.model.length > 20, 30_000), 'events stream in');
      // The container's processes are this kernel's processes: visible here.
      assert.ok(processesWith(binary).length >= 2, 'strace and the program run inside');
    } finally {
      await handle.stop(); // also when an assertion failed: the ticker never ends by itself
    }
    assert.equal((await handle.done).reason, 'stopped');
    assert.deepEqual(await waitUntilGone(binary), []);
    assert.ok(eventAt(handle, 'getppid', main, markerLine(main, 'TICK')));
  });

  it('a machine that is not running says `vagrant up`', async () => {
    const other = mkdtempSync(join(tmpdir(), 'sl-vagrant-down-'));
    try {
      writeFileSync(join(other, 'Vagrantfile'), 'Vagrant.configure("2") do |config|\n  config.vm.box = "syscall-lens-test-bookworm"\nend\n');
      const target = new VagrantTarget({ type: 'vagrant' }, { program: join(other, 'main.c') });
      await assert.rejects(target.connect(), (error: unknown) => {
        assert.ok(error instanceof EngineError);
        assert.equal(error.code, 'vagrant-not-running');
        assert.match(error.fix ?? '', /vagrant up/);
        return true;
      });
      await target.dispose();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('vagrant missing from PATH is vagrant-missing', async () => {
    const path = process.env.PATH;
    const empty = mkdtempSync(join(tmpdir(), 'sl-nopath-'));
    process.env.PATH = empty;
    try {
      const target = new VagrantTarget({ type: 'vagrant', vagrantfileDir: machine!.project });
      await assert.rejects(target.connect(), (error: unknown) => error instanceof EngineError && error.code === 'vagrant-missing' && /Install Vagrant/.test(error.fix ?? ''));
      await target.dispose();
    } finally {
      process.env.PATH = path;
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
