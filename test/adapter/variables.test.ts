// Scopes at a stop: Syscall (name, structured args, result, errno), Descriptors (the fd table
// at that moment, from the model) and Process; evaluate in the Debug Console with the same language.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { setUp, type Fixture } from './support/fixture';
import { BASIC_C } from './support/programs';

let fx: Fixture;
let tid = 0;
let notes = '';
before(async () => {
  fx = await setUp('basic.c', BASIC_C);
  notes = path.join(fx.ws.dir, 'notes.txt');
  const stop = await fx.dc.startSession('launch', fx.launchArgs({ args: [notes], stopOnEntry: false }), { breakpoints: [{ path: fx.source, lines: [fx.line('#WRITE')] }] });
  tid = stop.body.threadId ?? 0;
});
after(async () => { await fx.teardown(); });

test('Syscall scope: the write() to the file just opened', async () => {
  const vars = await fx.dc.scope(tid, 'Syscall');
  assert.equal(vars.get('name')?.value, 'write');
  assert.equal(vars.get('result')?.value, '6');
  assert.equal(vars.get('fd')?.value, '3');
  assert.equal(vars.get('path')?.value, JSON.stringify(notes));
  const args = vars.get('args');
  assert.ok(args && args.variablesReference > 0);
  const items = (await fx.dc.variablesRequest({ variablesReference: args.variablesReference })).body.variables;
  assert.equal(items.length, 3);
  assert.equal(items[0].value, `3 → ${notes}`);
  assert.equal(items[1].value, JSON.stringify('hello\n'));
  assert.equal(items[2].value, '6');
  assert.match(vars.get('source')?.value ?? '', new RegExp(`basic\\.c:${fx.line('#WRITE')}$`));
});

test('Descriptors scope: fd 3 is the notes file', async () => {
  const fds = await fx.dc.scope(tid, 'Descriptors');
  assert.equal(fds.get('fd 3')?.value, notes);
});

test('Process scope: pid, program and argv', async () => {
  const p = await fx.dc.scope(tid, 'Process');
  assert.equal(p.get('pid')?.value, String(tid));
  assert.equal(p.get('program')?.value, 'basic');
  assert.match(p.get('argv')?.value ?? '', new RegExp(`${JSON.stringify(notes).replace(/[/.]/g, '\\$&')}\\]$`));
});

test('the Descriptors scope follows the cursor: after close(), fd 3 is gone', async () => {
  await fx.dc.move('next', tid);
  assert.equal(await fx.dc.evaluate('name'), 'close');
  const fds = await fx.dc.scope(tid, 'Descriptors');
  assert.equal(fds.has('fd 3'), false);
  await fx.dc.move('stepBack', tid);
});

test('evaluate: expressions over the event, and a clear error for a bad one', async () => {
  assert.equal(await fx.dc.evaluate('fd == 3 && ret == 6'), 'true');
  assert.equal(await fx.dc.evaluate('path.endsWith(".txt")'), 'true');
  assert.equal(await fx.dc.evaluate('duration >= 0'), 'true');
  assert.equal(await fx.dc.evaluate('name + "(" + fd + ")"'), 'write(3)');
  await assert.rejects(fx.dc.evaluate('ret ==='), /ends too soon/);
  await assert.rejects(fx.dc.evaluate('require("fs")'), /Unknown name 'require'/);
});
