/**
 * The process tree from real C traces: threads, fork, execve, posix_spawn's vfork-style clone3
 * whose child runs before the clone returns, and a thread whose execve takes over the process.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TraceEvent } from '../../debug-adapter/engine/types';
import { C_PROGRAM } from './engine-model-programs';
import { allEvents, compile, eventsAt, markers, record, trace, withTempDir } from './engine-model-support';

test('c: process tree for threads, fork, execve and posix_spawn (vfork-style clone3), with names, argv and exit codes', async () => {
  await withTempDir(async (dir) => {
    const { binary, sourcePath } = await compile(dir, 'c', C_PROGRAM);
    const recording = await record(await trace(dir, [binary]), [dir]);
    try {
      const { model } = recording;
      const m = markers(C_PROGRAM);
      const [threadCall] = eventsAt(model, sourcePath, m.get('THREAD') as number, 'getppid');
      const [fork] = eventsAt(model, sourcePath, m.get('FORK') as number, 'clone');
      const [execed] = eventsAt(model, sourcePath, m.get('EXECED') as number, 'write');
      const root = model.process(fork.tgid);
      assert.ok(root);
      assert.equal(root.parent, undefined);
      assert.equal(root.program, 'prog');
      assert.deepEqual(root.argv, [binary]);
      assert.deepEqual(root.exit, { code: 0 });
      assert.equal(threadCall.tgid, root.pid);
      assert.notEqual(threadCall.pid, root.pid);
      assert.ok(root.threads.includes(threadCall.pid));
      const child = model.process(fork.ret as number);
      assert.ok(child);
      assert.equal(child.parent, root.pid);
      assert.equal(execed.tgid, child.pid);
      assert.equal(child.program, 'prog');
      assert.deepEqual(child.argv, ['prog', 'again']);
      assert.deepEqual(child.exit, { code: 4 });
      // posix_spawn's child runs (and execs) while the parent is still inside clone3, whose
      // stack libunwind cannot walk (`unexpected_backtracing_error`): no line, but not runtime.
      const spawn = allEvents(model).find((e) => e.name === 'clone3' && e.record.kind === 'syscall' && e.record.argsText.includes('CLONE_VFORK'));
      assert.ok(spawn);
      if (spawn.stack.some((f) => f.module.includes('backtracing_error'))) assert.equal(spawn.runtime, false);
      const spawned = model.process(spawn.ret as number);
      assert.ok(spawned);
      assert.equal(spawned.parent, root.pid);
      assert.equal(spawned.program, 'true');
      assert.deepEqual(spawned.argv, ['true']);
      assert.deepEqual(spawned.exit, { code: 0 });
      assert.deepEqual(model.processes().map((p) => p.pid), [root.pid, child.pid, spawned.pid]);
      assert.ok(child.firstSeq <= execed.seq && (child.lastSeq ?? 0) >= execed.seq);
      const exits = allEvents(model).filter((e) => e.type === 'exit');
      assert.deepEqual(exits.map((e) => e.pid).sort(), [root.pid, child.pid, threadCall.pid, spawned.pid].sort());
    } finally {
      await recording.close();
    }
  });
});

test('c: a thread that calls execve takes over the process (strace: superseded by execve)', async () => {
  await withTempDir(async (dir) => {
    const source = `#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>
static void *replace(void *arg) {
  (void)arg;
  execl("/bin/true", "true", "--from-thread", (char *)0); // #THREAD_EXEC
  return 0;
}
int main(void) {
  open("/etc/hostname", O_RDONLY | O_CLOEXEC); // #CLOEXEC_OPEN
  open("/etc/passwd", O_RDONLY); // #KEPT_OPEN
  pthread_t t;
  pthread_create(&t, 0, replace, 0);
  pthread_join(t, 0);
  return 1;
}
`;
    const { binary } = await compile(dir, 'c', source);
    // strace 6.1 -k dies on a non-leader execve ("walk: cannot initialize libunwind"), so this
    // trace has no stacks and the calls are found by their arguments.
    const recording = await record(await trace(dir, [binary], ['-f', '-ttt', '-T', '-yy']), [dir]);
    try {
      const { model } = recording;
      const withArgs = (name: string, text: string): TraceEvent | undefined =>
        allEvents(model).find((e) => e.name === name && e.record.kind === 'syscall' && e.record.argsText.includes(text));
      const exec = withArgs('execve', '--from-thread');
      const cloexec = withArgs('openat', '"/etc/hostname", O_RDONLY|O_CLOEXEC');
      const kept = withArgs('openat', '"/etc/passwd", O_RDONLY');
      assert.ok(exec && cloexec && kept);
      assert.notEqual(exec.pid, exec.tgid, 'a thread made the execve');
      assert.equal(model.processes().length, 1);
      const proc = model.process(exec.tgid);
      assert.equal(proc?.program, 'true');
      assert.deepEqual(proc?.argv, ['true', '--from-thread']);
      assert.deepEqual(proc?.exit, { code: 0 });
      const events = allEvents(model);
      const last = events[events.length - 1];
      assert.equal(last.pid, exec.tgid, 'the new program runs under the process id');
      assert.equal(last.tgid, exec.tgid);
      const table = new Map(model.fdTableAt(last.seq).map((e) => [e.fd, e.description]));
      assert.equal(table.get(kept.ret as number), '/etc/passwd');
      assert.equal(table.has(cloexec.ret as number), false);
    } finally {
      await recording.close();
    }
  });
});
