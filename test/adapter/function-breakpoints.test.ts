// Function breakpoints name syscalls (`close`) or strace classes (`%file`), with conditions;
// unknown names and classes are refused with a message.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { setUp, type Fixture } from './support/fixture';
import { BASIC_C } from './support/programs';

let fx: Fixture;
beforeEach(async () => { fx = await setUp('basic.c', BASIC_C); });
afterEach(async () => { await fx.teardown(); });

const args = () => fx.launchArgs({ args: [path.join(fx.ws.dir, 'notes.txt')], stopOnEntry: false });

test('a syscall name with a condition: the failing close()', async () => {
  const stop = await fx.dc.startSession('launch', args(), { functionBreakpoints: [{ name: 'close', condition: 'ret < 0' }] });
  assert.equal(stop.body.reason, 'function breakpoint');
  assert.equal((await fx.dc.userFrame(stop.body.threadId ?? 0)).line, fx.line('#AFTER'));
  assert.equal(await fx.dc.evaluate('errno'), 'EBADF');
});

test('a class: %file stops at every file syscall, the path-taking ones', async () => {
  const stop = await fx.dc.startSession('launch', args(), { functionBreakpoints: [{ name: '%file', condition: 'path.endsWith(".txt")' }] });
  const tid = stop.body.threadId ?? 0;
  assert.equal((await fx.dc.userFrame(tid)).line, fx.line('#OPEN'));
  await fx.dc.move('continue', tid);
  assert.equal((await fx.dc.userFrame(tid)).line, fx.line('#FAIL'));
  assert.equal(await fx.dc.evaluate('path'), '/nonexistent/missing.txt');
});

test('unknown syscalls and classes are refused', async () => {
  await fx.dc.initialize();
  const r = await fx.dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'opne' }, { name: '%filez' }, { name: 'write' }, { name: 'a b' }] });
  const [typo, badClass, ok, junk] = r.body.breakpoints;
  assert.equal(typo.verified, false);
  assert.match(typo.message ?? '', /Unknown syscall 'opne'/);
  assert.equal(badClass.verified, false);
  assert.match(badClass.message ?? '', /Unknown syscall class '%filez': use one of .*%network/);
  assert.equal(ok.verified, true);
  assert.equal(junk.verified, false);
});
