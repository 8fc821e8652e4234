/**
 * Launch → first event over SSH on loopback against local, side by side: the same C program,
 * the same engine (`startRun`), alternating local and SSH runs so load on the machine hits
 * both alike. One warm-up run each, then N timed runs each; the time is from calling startRun
 * until the first event is in the model. Also: the SSH master's connect time alone, a spawn of
 * `true` (through a prepared session; a new session also starts the target user's login shell
 * and ~/.bashrc) and one command through the target's command server. A real sshd on
 * 127.0.0.1 is started and stopped here. Target: the SSH median at most one second above the
 * local one. Figures: ONE JSON object on the last line.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startRun } from '../debug-adapter/engine';
import type { TargetSpec } from '../debug-adapter/engine/types';
import { SshTarget } from '../debug-adapter/engine/targets/ssh';
import { targetLeftovers } from '../test/remote/support/project';
import { startSshd } from '../test/remote/support/sshd';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PROGRAM = resolve(__dirname, '../test/remote/programs/files.c');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function firstEventMs(program: string, target: TargetSpec, runsDir: string): Promise<number> {
  const start = performance.now();
  const handle = await startRun({ program, target, runsDir });
  const first = await new Promise<number>((resolveFirst) => {
    if (handle.model.length > 0) resolveFirst(performance.now());
    const off = handle.model.onAppend(() => { off(); resolveFirst(performance.now()); });
  });
  await handle.done;
  return first - start;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sl-bench-remote-'));
  const sshd = await startSshd();
  try {
    mkdirSync(join(dir, 'program'));
    const program = join(dir, 'program', 'main.c');
    copyFileSync(PROGRAM, program);
    const runsDir = join(dir, 'runs');
    const ssh = sshd.spec();
    await firstEventMs(program, { type: 'local' }, runsDir);
    await firstEventMs(program, ssh, runsDir);
    const local: number[] = [];
    const remote: number[] = [];
    const connect: number[] = [];
    const session: number[] = [];
    const serverCommand: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      local.push(await firstEventMs(program, { type: 'local' }, runsDir));
      remote.push(await firstEventMs(program, ssh, runsDir));
      const target = new SshTarget(ssh);
      const t0 = performance.now();
      await target.connect();
      connect.push(performance.now() - t0);
      await target.exists('/');
      const t1 = performance.now();
      await target.exists('/');
      serverCommand.push(performance.now() - t1);
      const t2 = performance.now();
      await target.spawn(['true']).exited;
      session.push(performance.now() - t2);
      await target.dispose();
      console.log(`run ${i + 1}/${RUNS}: local ${round(local[i])} ms, ssh ${round(remote[i])} ms, ssh connect ${round(connect[i])} ms, spawn ${round(session[i])} ms, server command ${round(serverCommand[i])} ms`);
    }
    const overhead = median(remote) - median(local);
    console.log(JSON.stringify({
      bench: 'remote',
      runs: RUNS,
      local_first_event_ms_median: round(median(local)),
      ssh_first_event_ms_median: round(median(remote)),
      ssh_overhead_ms: round(overhead),
      ssh_overhead_target_ms: 1000,
      ssh_within_target: overhead <= 1000,
      ssh_connect_ms_median: round(median(connect)),
      ssh_spawn_ms_median: round(median(session)),
      ssh_server_command_ms_median: round(median(serverCommand)),
      local_first_event_ms: local.map(round),
      ssh_first_event_ms: remote.map(round),
      load_average_1m: round(Number((await import('node:os')).loadavg()[0])),
    }));
  } finally {
    await sshd.stop();
    // The SSH runs' build and strace folders on the target (this machine).
    for (const left of targetLeftovers(join(dir, 'runs'))) rmSync(left, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
