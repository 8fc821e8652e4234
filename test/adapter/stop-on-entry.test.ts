// Launch a real C program under strace and stop on entry: at the first syscall attributed to
// the user's code, with the cursor, run state and columnar event batches sent to the extension.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CursorMovedBody, EventsBatchBody, RunStateBody } from '../../debug-adapter/protocol';
import { setUp, type Fixture } from './support/fixture';
import { BASIC_C } from './support/programs';

let fx: Fixture;
before(async () => { fx = await setUp('basic.c', BASIC_C); });
after(async () => { await fx.teardown(); });

test('stops on entry at the first syscall made by the user\'s code', async () => {
  const notes = path.join(fx.ws.dir, 'notes.txt');
  const stop = await fx.dc.startSession('launch', fx.launchArgs({ args: [notes] }));
  assert.equal(stop.body.reason, 'entry');
  const where = await fx.dc.userFrame(stop.body.threadId ?? 0);
  assert.equal(where.path, fx.source);
  assert.equal(where.line, fx.line('#OPEN'));
  assert.equal(where.name, 'main');
  assert.equal(await fx.dc.evaluate('name'), 'openat');
  assert.equal(await fx.dc.evaluate('path'), notes);

  const cursor = fx.dc.customEvents.filter((e) => e.event === 'syscallLens.cursor').map((e) => e.body as CursorMovedBody);
  assert.equal(cursor.length, 1);
  assert.deepEqual(cursor[0].source, { path: fx.source, line: fx.line('#OPEN') });
  assert.equal(cursor[0].threadId, stop.body.threadId);

  const states = fx.dc.customEvents.filter((e) => e.event === 'syscallLens.runState').map((e) => (e.body as RunStateBody).state);
  assert.deepEqual(states.slice(0, 2), ['building', 'running']);
});

test('continue runs to the end: output, exited, terminated, and every event in batches', async () => {
  const exited = fx.dc.waitForEvent('exited');
  await fx.dc.continueRequest({ threadId: 0 });
  assert.equal((await exited).body.exitCode, 0);
  await fx.dc.untilTerminated();
  assert.equal(fx.dc.stdout(), 'tick\ntick\ntick\ndone\n');

  await new Promise((r) => setTimeout(r, 300)); // the last batch is flushed on a short timer
  const batches = fx.dc.customEvents.filter((e) => e.event === 'syscallLens.events').map((e) => e.body as EventsBatchBody);
  assert.ok(batches.length >= 1);
  let next = 0;
  const names: string[] = [];
  for (const { batch } of batches) {
    assert.equal(batch.from, next, 'batches are consecutive');
    for (const column of [batch.type, batch.pid, batch.name, batch.start, batch.ret, batch.errno, batch.sourceLine, batch.raw]) assert.equal(column.length, batch.count);
    batch.name.forEach((i) => names.push(batch.strings[i]));
    const openAt = batch.name.findIndex((n, i) => batch.strings[n] === 'openat' && batch.sourceLine[i] === fx.line('#OPEN'));
    if (openAt >= 0) assert.equal(batch.strings[batch.sourcePath[openAt]], fx.source);
    next = batch.from + batch.count;
  }
  assert.ok(names.includes('execve') && names.includes('exit_group'), 'the whole recording was sent');
  assert.ok(batches.length < next, 'events are batched, not one message per syscall');
  assert.ok(batches.some((b) => b.processes?.some((p) => p.program === 'basic')));
});

test('syscallLens.requestEvents resends the whole recording, the first batch marked reset', async () => {
  const before = fx.dc.customEvents.length;
  await fx.dc.customRequest('syscallLens.requestEvents');
  await new Promise((r) => setTimeout(r, 300));
  const resent = fx.dc.customEvents.slice(before).filter((e) => e.event === 'syscallLens.events').map((e) => e.body as EventsBatchBody);
  assert.ok(resent.length >= 1);
  assert.equal(resent[0].reset, true);
  assert.equal(resent[0].batch.from, 0);
  const total = resent.reduce((n, b) => n + b.batch.count, 0);
  const firstTime = fx.dc.customEvents.slice(0, before).filter((e) => e.event === 'syscallLens.events').reduce((n, e) => n + (e.body as EventsBatchBody).batch.count, 0);
  assert.equal(total, firstTime);
});
