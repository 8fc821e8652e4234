// Step over, step in, step out, step back, reverse continue, goto and goto targets on a real
// traced program: each move lands on the line its marker names, and backwards mirrors forwards.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { setUp, type Fixture } from './support/fixture';
import { BASIC_C } from './support/programs';

let fx: Fixture;
let tid = 0;
before(async () => {
  fx = await setUp('basic.c', BASIC_C);
  const stop = await fx.dc.startSession('launch', fx.launchArgs({ args: [path.join(fx.ws.dir, 'notes.txt')] }));
  tid = stop.body.threadId ?? 0;
  // Moves below are checked against the whole recording: let the (short) run finish first.
  await fx.dc.untilRunEnded();
});
after(async () => { await fx.teardown(); });

async function lineAfter(command: 'next' | 'stepIn' | 'stepOut' | 'stepBack' | 'continue' | 'reverseContinue'): Promise<number> {
  await fx.dc.move(command, tid);
  return (await fx.dc.userFrame(tid)).line;
}

test('next walks line by line, into user functions that make syscalls, once per loop iteration', async () => {
  assert.equal((await fx.dc.userFrame(tid)).line, fx.line('#OPEN'));
  assert.equal(await lineAfter('next'), fx.line('#WRITE'));
  assert.equal(await lineAfter('next'), fx.line('#CLOSE'));
  assert.equal(await lineAfter('next'), fx.line('#FAIL'));
  // The loop calls say() three times: each write it makes is a stop of its own, inside say().
  for (let i = 0; i < 3; i++) {
    assert.equal(await lineAfter('next'), fx.line('#SAY'), `iteration ${i + 1}`);
    assert.equal((await fx.dc.userFrame(tid)).name, 'say');
  }
  assert.equal(await lineAfter('next'), fx.line('#AFTER'));
});

test('step back is the mirror of next', async () => {
  for (let i = 0; i < 3; i++) assert.equal(await lineAfter('stepBack'), fx.line('#SAY'), `iteration ${3 - i}`);
  assert.equal(await lineAfter('stepBack'), fx.line('#FAIL'));
  assert.equal(await lineAfter('stepBack'), fx.line('#CLOSE'));
  assert.equal(await lineAfter('stepBack'), fx.line('#WRITE'));
  assert.equal(await lineAfter('next'), fx.line('#CLOSE'));
  assert.equal(await lineAfter('next'), fx.line('#FAIL'));
});

test('step in enters say(), next repeats its line per iteration, step out returns to main', async () => {
  assert.equal(await lineAfter('stepIn'), fx.line('#SAY'));
  assert.equal((await fx.dc.userFrame(tid)).name, 'say');
  const first = await fx.dc.evaluate('seq');
  assert.equal(await lineAfter('next'), fx.line('#SAY'), 'second iteration of the loop');
  assert.notEqual(await fx.dc.evaluate('seq'), first);
  assert.equal(await lineAfter('stepOut'), fx.line('#AFTER'));
  assert.equal(await fx.dc.evaluate('errno'), 'EBADF');
});

test('the stack shows say() above main, runtime frames de-emphasised, loaded lazily', async () => {
  const target = (await fx.dc.gotoTargetsRequest({ source: { path: fx.source }, line: fx.line('#SAY') })).body.targets;
  assert.equal(target.length, 4, 'three ticks and done');
  // The cursor is past the loop: the first target offered is the next one ahead (done), then wraps round.
  assert.equal(target[0].id, Math.max(...target.map((t) => t.id)));
  await fx.dc.gotoRequest({ threadId: tid, targetId: Math.min(...target.map((t) => t.id)) });
  const stop = await fx.dc.nextStop();
  assert.equal(stop.body.reason, 'goto');
  const st = await fx.dc.stackTraceRequest({ threadId: tid, startFrame: 0, levels: 2 });
  assert.equal(st.body.stackFrames.length, 2);
  assert.ok((st.body.totalFrames ?? 0) > 3);
  const all = (await fx.dc.stackTraceRequest({ threadId: tid })).body.stackFrames;
  const user = all.filter((f) => f.source?.path === fx.source);
  assert.deepEqual(user.map((f) => [f.name, f.line]), [['say', fx.line('#SAY')], ['main', fx.line('#LOOP')]]);
  assert.equal(all[0].presentationHint, 'subtle', 'libc write() frame is de-emphasised');
  assert.match(all[0].name, /\(libc[^)]*\)/);
});

test('reverse continue stops at a breakpoint behind the cursor, continue at one ahead', async () => {
  await fx.dc.setBreakpointsRequest({ source: { path: fx.source }, breakpoints: [{ line: fx.line('#WRITE') }, { line: fx.line('#DONE') }] });
  assert.equal(await lineAfter('reverseContinue'), fx.line('#WRITE'));
  assert.equal(await lineAfter('continue'), fx.line('#SAY'));
  assert.equal((await fx.dc.stackTraceRequest({ threadId: tid })).body.stackFrames.some((f) => f.line === fx.line('#DONE')), true);
  await fx.dc.setBreakpointsRequest({ source: { path: fx.source }, breakpoints: [] });
  // No breakpoint behind: reverse continue goes back to the start of the recording.
  await fx.dc.move('reverseContinue', tid);
  assert.equal(await fx.dc.evaluate('seq'), '0');
  assert.equal(await fx.dc.evaluate('name'), 'execve');
});

test('goto by event seq moves the cursor (the timeline\'s click)', async () => {
  const seqs = (await fx.dc.gotoTargetsRequest({ source: { path: fx.source }, line: fx.line('#CLOSE') })).body.targets;
  assert.equal(seqs.length, 1);
  const before = fx.dc.flow.length;
  await fx.dc.gotoRequest({ threadId: tid, targetId: seqs[0].id });
  const stop = await fx.dc.nextStop();
  assert.equal((await fx.dc.userFrame(tid)).line, fx.line('#CLOSE'));
  // The client drops the previous stop first (all threads continued), then shows this one's text.
  const flow = fx.dc.flow.slice(before).map((f) => `${f.event}${f.event === 'continued' ? `:${String(f.body.allThreadsContinued)}` : ''}`);
  assert.deepEqual(flow, ['continued:true', 'stopped'], 'goto sends continued (all threads) before stopped');
  assert.equal(stop.body.reason, 'goto');
  assert.match(stop.body.description ?? '', new RegExp(`^#${seqs[0].id} close\\(`), 'the description names the event goto landed on');
  await assert.rejects(fx.dc.gotoRequest({ threadId: tid, targetId: 10_000_000 }), /No event #10000000/);
});
