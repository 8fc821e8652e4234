// Exception filters: failed syscalls of the user's code (optionally only some errnos), process
// exits and signals, with exceptionInfo describing the stop.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { setUp, type Fixture } from './support/fixture';
import { BASIC_C, FORK_C } from './support/programs';

let fx: Fixture | undefined;
afterEach(async () => { await fx?.teardown(); fx = undefined; });

test('failed syscalls stop at the user\'s first failure (not the loader\'s ENOENTs)', async () => {
  fx = await setUp('basic.c', BASIC_C);
  const stop = await fx.dc.startSession('launch', fx.launchArgs({ args: [path.join(fx.ws.dir, 'n.txt')], stopOnEntry: false }), { exceptionFilters: ['failedSyscalls'] });
  assert.equal(stop.body.reason, 'exception');
  assert.equal(stop.body.text, 'ENOENT');
  const tid = stop.body.threadId ?? 0;
  assert.equal((await fx.dc.userFrame(tid)).line, fx.line('#FAIL'));
  const info = await fx.dc.exceptionInfoRequest({ threadId: tid });
  assert.equal(info.body.exceptionId, 'ENOENT');
  assert.match(info.body.description ?? '', /openat failed: ENOENT \(No such file or directory\)/);
  await fx.dc.move('continue', tid);
  assert.equal((await fx.dc.userFrame(tid)).line, fx.line('#AFTER'));
});

test('an errno list in the filter condition keeps only those errnos', async () => {
  fx = await setUp('basic.c', BASIC_C);
  const stop = await fx.dc.startSession('launch', fx.launchArgs({ args: [path.join(fx.ws.dir, 'n.txt')], stopOnEntry: false }), {
    exceptionOptions: [{ filterId: 'failedSyscalls', condition: 'EBADF, EACCES' }],
  });
  assert.equal(stop.body.text, 'EBADF');
  assert.equal((await fx.dc.userFrame(stop.body.threadId ?? 0)).line, fx.line('#AFTER'));
});

test('process exits and signals: the child\'s exit and SIGCHLD in the parent', async () => {
  fx = await setUp('fork.c', FORK_C);
  const first = await fx.dc.startSession('launch', fx.launchArgs({ stopOnEntry: false }), { exceptionFilters: ['processExits', 'signals'] });
  const seen = new Map<string, { tid: number; detail: string }>();
  seen.set(await fx.dc.evaluate('type'), { tid: first.body.threadId ?? 0, detail: `${await fx.dc.evaluate('exitCode')} ${await fx.dc.evaluate('signal')}` });
  const second = await fx.dc.move('continue', first.body.threadId ?? 0);
  assert.equal(second.body.reason, 'exception');
  seen.set(await fx.dc.evaluate('type'), { tid: second.body.threadId ?? 0, detail: `${await fx.dc.evaluate('exitCode')} ${await fx.dc.evaluate('signal')}` });
  const exit = seen.get('exit');
  const signal = seen.get('signal');
  assert.ok(exit && signal, `stops: ${JSON.stringify([...seen])}`);
  assert.equal(exit.detail, '3 null', 'the child exits with 3');
  assert.equal(signal.detail, 'null SIGCHLD');
  assert.notEqual(exit.tid, signal.tid, 'the exit is the child\'s, the signal the parent\'s');
});
