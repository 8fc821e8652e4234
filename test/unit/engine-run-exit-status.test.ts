/**
 * The program's exit status when strace dies before printing `+++ exited with N +++`: under
 * load strace 6.1 with -k sometimes fails to unwind a thread that exit_group already ended and
 * exits 1 itself. A real multithreaded C program is traced, its log cut right after its
 * `exit_group(3 <unfinished ...>` line as strace leaves it then, and reopened: the status is
 * still the 3 the program asked for.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openRecording } from '../../debug-adapter/engine';
import { inferredExit, lastExitGroup } from '../../debug-adapter/engine/run';
import { TempDirs } from '../support/fixtures';

const temp = new TempDirs();
after(() => temp.cleanup());

const PROGRAM = String.raw`
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
static void *sleeper(void *arg) { (void)arg; for (;;) pause(); return NULL; }
int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, sleeper, NULL);
  usleep(10000);
  exit(3);
}
`;

test('a log cut inside exit_group(3) still reports status 3', async () => {
  const dir = temp.make();
  writeFileSync(join(dir, 'exit3.c'), PROGRAM);
  const binary = join(dir, 'exit3');
  execFileSync('gcc', ['-g', '-O0', '-pthread', '-o', binary, join(dir, 'exit3.c')]);
  const log = join(dir, 'full.strace');
  let status = 0;
  try {
    execFileSync('strace', ['-f', '-ttt', '-T', '-yy', '-o', log, binary]);
  } catch (e) {
    status = (e as { status: number }).status;
  }
  assert.equal(status, 3, 'strace passes the program status through');
  const lines = readFileSync(log, 'utf8').split('\n');
  const cut = lines.findIndex((l) => /exit_group\(3[ )]/.test(l));
  assert.ok(cut >= 0, 'the trace has the exit_group(3) call');
  const truncated = join(dir, 'cut.strace');
  writeFileSync(truncated, lines.slice(0, cut + 1).join('\n').replace(/\) += \?.*$/, ' <unfinished ...>') + '\n');

  const handle = await openRecording(truncated, { sourceRoots: [dir] });
  await handle.done;
  const main = handle.model.processes()[0];
  assert.equal(main.exit, undefined, 'the cut log has no +++ exited line');
  assert.equal(lastExitGroup(handle.model, main.pid)?.status, 3);
  // startRun records that exit for the learner (timeline marker, Process scope), saying why.
  const exit = inferredExit(handle.model);
  assert.deepEqual([exit?.kind, exit?.how, exit?.code, exit?.pid, exit?.raw, exit?.lines], ['exit', 'exited', 3, main.pid, '', []]);
  assert.match(exit?.inferred ?? '', /strace ended before reporting this exit/);
  const whole = await openRecording(log, { sourceRoots: [dir] });
  await whole.done;
  assert.equal(whole.model.processes()[0].exit?.code, 3);
  assert.equal(inferredExit(whole.model), undefined, 'nothing is inferred when strace printed the exit');
});
