/**
 * The CLI's target flags end to end: `syscall-lens trace --target ssh:USER@HOST --ssh-port
 * --identity-file --ssh-option … [--sync]` against a real sshd on 127.0.0.1 prints the
 * program's syscalls with local source lines, exactly as a local run would.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { syncDirName } from '../../debug-adapter/engine/targets/remote-sync';
import { Scratch, markerLine } from './support/project';
import { startSshd, type TestSshd } from './support/sshd';

const CLI = resolve(__dirname, '../../debug-adapter/cli.ts');

interface JsonEvent {
  name?: string;
  source?: { path: string; line: number } | null;
}

describe('syscall-lens trace --target ssh:HOST', () => {
  let sshd: TestSshd;
  const scratch = new Scratch();
  before(async () => { sshd = await startSshd(); });
  after(async () => {
    try { await sshd?.stop(); } finally { scratch.cleanup(); }
  });

  function trace(program: string, extra: string[]): { status: number | null; events: JsonEvent[]; stderr: string; stdout: string } {
    const spec = sshd.spec();
    const flags = [
      '--target', `ssh:${sshd.user}@127.0.0.1`, '--ssh-port', String(sshd.port), '--identity-file', spec.identityFile!,
      ...spec.sshOptions!.flatMap((o) => ['--ssh-option', o]), ...extra,
    ];
    const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'trace', program, '--json', '--runs-dir', scratch.runs(), ...flags], {
      encoding: 'utf8', timeout: 180_000,
    });
    const events = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as JsonEvent);
    return { status: r.status, events, stderr: r.stderr, stdout: r.stdout };
  }

  function hasLine(events: JsonEvent[], name: string, path: string, line: number): boolean {
    return events.some((e) => e.name === name && e.source?.path === path && e.source.line === line);
  }

  it('traces on the SSH host and prints local source lines', () => {
    const main = scratch.program('files.c');
    const r = trace(main, []);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(hasLine(r.events, 'openat', main, markerLine(main, 'OPEN')), r.stdout.slice(0, 2000));
  });

  it('--sync uploads the folder first', () => {
    const main = scratch.program('files.c', 'cli sync');
    scratch.track(join(homedir(), '.cache/syscall-lens/sync', syncDirName(dirname(main))));
    const r = trace(main, ['--sync']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(hasLine(r.events, 'write', main, markerLine(main, 'WRITE')));
    assert.ok(!existsSync(join(dirname(main), 'out.txt')), 'it ran in the uploaded copy');
  });

  it('a wrong port fails before running with the unreachable message', () => {
    const main = scratch.program('files.c');
    const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'trace', main, '--target', 'ssh:127.0.0.1', '--ssh-port', '1', '--ssh-option', 'ConnectTimeout=5'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /could not be reached/);
  });
});
