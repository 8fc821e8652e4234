/**
 * Stopping a run kills the whole traced tree, for real: a program that runs forever, forks
 * workers, and starts a daemon that escapes its session with setsid and a double fork.
 * Afterwards /proc must hold none of them, nor strace, nor the tail that followed its file.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startRun } from '../../debug-adapter/engine';
import { livePidsOf, livePidsWithArg, sleep, isolateCache, TempDirs } from '../support/fixtures';

const temp = new TempDirs();
const restoreCache = isolateCache(temp);
after(() => {
  restoreCache();
  temp.cleanup();
});

function statField(pid: number, index: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[index]);
  } catch {
    return -1; // gone
  }
}
const parentOf = (pid: number) => statField(pid, 1);
const sessionOf = (pid: number) => statField(pid, 3);

describe('stop()', () => {
  it('kills a forking, never-ending program, its escaped daemon, strace and the tail', async () => {
    const program = temp.fixture('c/fork-forever.c');
    let stdout = '';
    const handle = await startRun({ program, runsDir: temp.make() }, { stdout: (c) => { stdout += c.toString(); } });
    const binary = handle.metadata.build?.binary;
    assert.ok(binary);
    try {
      // Wait until every process is up (main, 4 workers, the daemon's grandchild) and the
      // daemon's first child has exited, leaving the grandchild in a session of its own.
      const settled = () => {
        const pids = livePidsOf(binary);
        const sessions = pids.map(sessionOf);
        const main = sessions.find((s) => sessions.filter((x) => x === s).length > 1);
        const escaped = pids.filter((p) => sessionOf(p) !== main);
        // The escaped one is the grandchild once its parent (the daemon's first child) is gone.
        return pids.length === 6 && escaped.length === 1 && !pids.includes(parentOf(escaped[0]));
      };
      for (let i = 0; i < 200 && !settled(); i++) await sleep(50);
      assert.ok(settled(), `expected 6 live processes in 2 sessions, saw ${livePidsOf(binary).join(', ')}`);
      assert.ok(livePidsWithArg(handle.runDir).length >= 1, 'strace is running');
      await sleep(300);
      assert.ok(handle.model.length > 0, 'events arrive while the program runs');
      assert.match(stdout, /started/);
    } finally {
      await handle.stop(); // also when an assertion failed: never leave the tree behind
    }
    const end = await handle.done;
    assert.equal(end.reason, 'stopped');
    assert.deepEqual(livePidsOf(binary), [], 'no traced process is left');
    assert.deepEqual(livePidsWithArg(handle.runDir), [], 'neither strace nor tail is left');
    assert.equal(handle.model.ended, true);
    const meta = JSON.parse(readFileSync(`${handle.runDir}/run.json`, 'utf8'));
    assert.equal(meta.endReason, 'stopped');
  });
});
