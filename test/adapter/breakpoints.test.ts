// Line breakpoints (a syscall with that line anywhere in its stack), conditions in our own
// expression language, hit counts counted from the start of the recording, logpoints, and a
// clear refusal of a bad condition.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { setUp, type Fixture } from './support/fixture';
import { BASIC_C } from './support/programs';

let fx: Fixture;
beforeEach(async () => { fx = await setUp('basic.c', BASIC_C); });
afterEach(async () => { await fx.teardown(); });

const args = () => fx.launchArgs({ args: [path.join(fx.ws.dir, 'notes.txt')], stopOnEntry: false });

test('a line breakpoint stops at the syscall made on that line', async () => {
  const stop = await fx.dc.startSession('launch', args(), { breakpoints: [{ path: fx.source, lines: [fx.line('#CLOSE')] }] });
  assert.equal(stop.body.reason, 'breakpoint');
  assert.deepEqual(stop.body.hitBreakpointIds, [fx.dc.setupResults.breakpoints[0].id]);
  assert.equal(fx.dc.setupResults.breakpoints[0].verified, true);
  assert.equal((await fx.dc.userFrame(stop.body.threadId ?? 0)).line, fx.line('#CLOSE'));
  assert.equal(await fx.dc.evaluate('name'), 'close');
});

test('a breakpoint on a caller\'s line matches syscalls made further down its stack', async () => {
  const stop = await fx.dc.startSession('launch', args(), { breakpoints: [{ path: fx.source, lines: [fx.line('#DONE')] }] });
  assert.equal((await fx.dc.userFrame(stop.body.threadId ?? 0)).line, fx.line('#SAY'));
  assert.equal(await fx.dc.evaluate('args[1]'), 'done\n');
});

test('hit count: the third hit of a line, counted from the start of the recording', async () => {
  const stop = await fx.dc.startSession('launch', args(), { breakpoints: [{ path: fx.source, lines: [fx.line('#SAY')], hitCondition: '3' }] });
  const tid = stop.body.threadId ?? 0;
  const third = await fx.dc.evaluate('seq');
  const targets = (await fx.dc.gotoTargetsRequest({ source: { path: fx.source }, line: fx.line('#SAY') })).body.targets.map((t) => t.id).sort((a, b) => a - b);
  assert.equal(Number(third), targets[2]);
  // Going back before it and continuing again finds the same (third) hit, not "three more".
  await fx.dc.gotoRequest({ threadId: tid, targetId: targets[0] });
  await fx.dc.nextStop();
  await fx.dc.move('continue', tid);
  assert.equal(await fx.dc.evaluate('seq'), third);
});

test('a condition over the event selects the matching syscall', async () => {
  const stop = await fx.dc.startSession('launch', args(), { breakpoints: [{ path: fx.source, lines: [fx.line('#SAY')], condition: 'args[1] == "done\\n" && ret == 5' }] });
  assert.equal(stop.body.reason, 'breakpoint');
  assert.equal(await fx.dc.evaluate('args[1]'), 'done\n');
  assert.equal(await fx.dc.evaluate('fd'), '1');
});

test('logpoints print with {expressions} and do not stop', async () => {
  await fx.dc.startSession('launch', args(), {
    breakpoints: [{ path: fx.source, lines: [fx.line('#SAY')], logMessage: 'say #{seq}: wrote {ret} bytes to fd {fd}' }, { path: fx.source, lines: [fx.line('#AFTER')] }],
  });
  // Stopped at #AFTER (the real breakpoint); the logpoint printed once per tick on the way.
  assert.equal(await fx.dc.evaluate('line'), String(fx.line('#AFTER')));
  const logs = fx.dc.outputs.filter((o) => o.category === 'console' && o.output.startsWith('say #')).map((o) => o.output);
  assert.equal(logs.length, 3);
  for (const l of logs) assert.match(l, /^say #\d+: wrote 5 bytes to fd 1\n$/);
});

test('a bad condition is refused with a message; unverified breakpoints never stop', async () => {
  const exited = fx.dc.waitForEvent('exited', 60000);
  await fx.dc.initialize();
  const r = await fx.dc.setBreakpointsRequest({ source: { path: fx.source }, breakpoints: [{ line: fx.line('#WRITE'), condition: 'ret = 6' }, { line: fx.line('#CLOSE'), condition: 'ertno == "EBADF"' }] });
  const [a, b] = r.body.breakpoints;
  assert.equal(a.verified, false);
  assert.match(a.message ?? '', /use '==' to compare/);
  assert.equal(b.verified, false);
  assert.match(b.message ?? '', /Unknown name 'ertno'/);
  await fx.dc.configurationDoneRequest();
  await fx.dc.launchRequest(args() as never);
  assert.equal((await exited).body.exitCode, 0);
  assert.equal(fx.dc.stops.length, 0);
});
