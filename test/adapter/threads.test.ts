// Threads are the traced processes and threads: a fork shows two processes named by program
// and pid, pthreads show `[tid N]`; thread events announce them as the cursor meets them (before
// the stop); stepping stays in its thread.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, type Fixture } from './support/fixture';
import { FORK_C, THREADS_C } from './support/programs';

let fx: Fixture | undefined;
afterEach(async () => { await fx?.teardown(); fx = undefined; });

test('fork: a breakpoint in the child stops the child process, named fork (pid N)', async () => {
  fx = await setUp('fork.c', FORK_C);
  const stop = await fx.dc.startSession('launch', fx.launchArgs({ stopOnEntry: false }), { breakpoints: [{ path: fx.source, lines: [fx.line('#CHILD'), fx.line('#REAPED')] }] });
  const child = stop.body.threadId ?? 0;
  assert.equal((await fx.dc.userFrame(child)).line, fx.line('#CHILD'));
  assert.equal(await fx.dc.evaluate('pid'), String(child));
  const threads = (await fx.dc.threadsRequest()).body.threads;
  assert.equal(threads.length, 2, JSON.stringify(threads));
  assert.ok(threads.some((t) => t.id === child && t.name === `fork (pid ${child})`));
  const parent = threads.find((t) => t.id !== child);
  assert.ok(parent && parent.name === `fork (pid ${parent.id})`);
  // The parent's stack is at its own last syscall before the cursor: the fork.
  assert.equal((await fx.dc.userFrame(parent.id)).line, fx.line('#FORK'));
  const proc = await fx.dc.scope(child, 'Process');
  assert.equal(proc.get('parent')?.value, String(parent.id));
  // Stepping the parent stays in the parent.
  await fx.dc.move('next', parent.id);
  assert.equal(await fx.dc.evaluate('pid'), String(parent.id));
  assert.equal((await fx.dc.userFrame(parent.id)).line, fx.line('#WAIT'));
  await fx.dc.move('continue', parent.id);
  assert.equal((await fx.dc.userFrame(parent.id)).line, fx.line('#REAPED'));
  // The child has exited by now: it is no longer listed, and a thread event said so.
  assert.deepEqual((await fx.dc.threadsRequest()).body.threads.map((t) => t.id), [parent.id]);
  assert.ok(fx.dc.threadEvents.some((e) => e.reason === 'started' && e.threadId === child));
  assert.ok(fx.dc.threadEvents.some((e) => e.reason === 'exited' && e.threadId === child));
});

test('pthreads: the worker thread is `threads [tid N]` in the same process', async () => {
  fx = await setUp('threads.c', THREADS_C);
  const stop = await fx.dc.startSession('launch', fx.launchArgs({ stopOnEntry: false }), { breakpoints: [{ path: fx.source, lines: [fx.line('#WORKER')] }] });
  const worker = stop.body.threadId ?? 0;
  assert.equal((await fx.dc.userFrame(worker)).name, 'worker');
  const pid = Number(await fx.dc.evaluate('pid'));
  assert.notEqual(pid, worker);
  assert.equal(await fx.dc.evaluate('tid'), String(worker));
  const threads = (await fx.dc.threadsRequest()).body.threads;
  assert.ok(threads.some((t) => t.id === worker && t.name === `threads [tid ${worker}]`), JSON.stringify(threads));
  assert.ok(threads.some((t) => t.id === pid && t.name === `threads (pid ${pid})`));
  assert.match((await fx.dc.scope(worker, 'Process')).get('threads')?.value ?? '', new RegExp(`\\b${worker}\\b`));
});

/** The flow from index `from` as `reason:tid` for thread events and `stopped:tid` for stops. */
function flowSince(from: number): string[] {
  return fx!.dc.flow.slice(from).map((f) => `${f.event === 'thread' ? String(f.body.reason) : f.event}:${String(f.body.threadId)}`);
}

test('thread events follow the cursor, not the recording, and come before the stop they belong to', async () => {
  fx = await setUp('threads.c', THREADS_C);
  const entry = await fx.dc.startSession('launch', fx.launchArgs());
  const pid = entry.body.threadId ?? 0;
  assert.equal((await fx.dc.userFrame(pid)).line, fx.line('#MAIN'));
  // The short program has finished in the recording, worker thread and all; the learner is
  // still on main's first write, where only main exists: nothing may say otherwise.
  await fx.dc.untilRunEnded();
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(flowSince(0), [`started:${pid}`, `stopped:${pid}`], 'one started event for main, before the entry stop');
  assert.deepEqual((await fx.dc.threadsRequest()).body.threads.map((t) => t.id), [pid]);

  await fx.dc.setBreakpointsRequest({ source: { path: fx.source }, breakpoints: [{ line: fx.line('#WORKER') }, { line: fx.line('#JOINED') }] });
  let mark = fx.dc.flow.length;
  const inWorker = await fx.dc.move('continue', pid);
  const worker = inWorker.body.threadId ?? 0;
  assert.notEqual(worker, pid);
  assert.deepEqual(flowSince(mark), [`started:${worker}`, `stopped:${worker}`], 'the worker is announced before the stop in it');

  mark = fx.dc.flow.length;
  const joined = await fx.dc.move('continue', worker);
  assert.equal(joined.body.threadId, pid);
  assert.deepEqual(flowSince(mark), [`exited:${worker}`, `stopped:${pid}`], 'the joined worker exits before the stop after the join');
  assert.deepEqual((await fx.dc.threadsRequest()).body.threads.map((t) => t.id), [pid]);

  // Back in time the worker lives again.
  mark = fx.dc.flow.length;
  const back = await fx.dc.move('reverseContinue', pid);
  assert.equal(back.body.threadId, worker);
  assert.deepEqual(flowSince(mark), [`started:${worker}`, `stopped:${worker}`]);
});
