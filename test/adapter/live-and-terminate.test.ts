// A program that never ends: continue waits for new events as the live recording grows, pause
// stops at the newest event, and terminate kills the whole traced tree (checked in /proc).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { setUp, waitForNoProcesses, type Fixture } from './support/fixture';
import { FOREVER_C } from './support/programs';

/** Whether the pid runs (exists, not a zombie), waiting up to 5 s for it to go. */
async function stillRunning(pid: number): Promise<boolean> {
  const alive = () => { try { return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; } };
  for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
  return alive();
}

let fx: Fixture;
let tid = 0;
before(async () => {
  fx = await setUp('forever.c', FOREVER_C);
  const stop = await fx.dc.startSession('launch', fx.launchArgs());
  tid = stop.body.threadId ?? 0;
});
after(async () => { await fx.teardown(); });

test('continue waits for the live run to reach a breakpoint', async () => {
  assert.equal((await fx.dc.userFrame(tid)).line, fx.line('#START'));
  // The program runs freely (a tick every 0.2 s); the 10th tick is not recorded yet.
  const ticks = async () => (await fx.dc.gotoTargetsRequest({ source: { path: fx.source }, line: fx.line('#TICK') })).body.targets.length;
  assert.ok((await ticks()) < 10);
  await fx.dc.setBreakpointsRequest({ source: { path: fx.source }, breakpoints: [{ line: fx.line('#TICK'), hitCondition: '10' }] });
  const stop = await fx.dc.move('continue', tid);
  assert.equal(stop.body.reason, 'breakpoint');
  assert.equal((await fx.dc.userFrame(tid)).line, fx.line('#TICK'));
  const targets = (await fx.dc.gotoTargetsRequest({ source: { path: fx.source }, line: fx.line('#TICK') })).body.targets.map((t) => t.id).sort((a, b) => a - b);
  assert.equal(Number(await fx.dc.evaluate('seq')), targets[9], 'stopped at the 10th tick, recorded while we waited');
});

test('pause while waiting stops at the newest event', async () => {
  await fx.dc.setBreakpointsRequest({ source: { path: fx.source }, breakpoints: [] });
  const before = Number(await fx.dc.evaluate('seq'));
  await fx.dc.continueRequest({ threadId: tid });
  await new Promise((r) => setTimeout(r, 700));
  assert.equal(fx.dc.stops.length, 0, 'still running: no stop without a breakpoint');
  await fx.dc.pauseRequest({ threadId: tid });
  const stop = await fx.dc.nextStop();
  assert.equal(stop.body.reason, 'pause');
  assert.ok(Number(await fx.dc.evaluate('seq')) > before + 4, 'the recording kept growing');
});

test('terminate kills the traced program and strace; nothing is left in /proc', async () => {
  const pid = Number(await fx.dc.evaluate('pid'));
  assert.ok(existsSync(`/proc/${pid}`), 'the program is running before terminate');
  const terminated = fx.dc.waitForEvent('terminated');
  await fx.dc.terminateRequest({});
  await terminated;
  const left = await waitForNoProcesses(fx.ws.dir, 5000);
  assert.deepEqual(left, []);
  assert.equal(await stillRunning(pid), false, `pid ${pid} still runs`);
});

// The engine's startRun cannot be cancelled yet, so a program whose build finishes after the
// terminate may start for a moment; the session must stop it at once and leave nothing behind.
test('terminate while the program is still building: the launch fails and nothing is left running', async () => {
  const slow = await setUp('slow.c', FOREVER_C);
  try {
    await slow.dc.initialize();
    const launch = slow.dc.launchRequest(slow.launchArgs({ build: 'sleep 2 && gcc -g -O0 -fno-omit-frame-pointer -o slow slow.c' }) as never);
    await new Promise((r) => setTimeout(r, 500));
    await slow.dc.terminateRequest({});
    await assert.rejects(launch, /stopped before the program started/);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(await waitForNoProcesses(slow.ws.dir, 3000), []);
    assert.equal(slow.dc.stops.length, 0, 'no stop is reported for a session that was terminated');
  } finally {
    await slow.teardown();
  }
});

test('disconnect (closing the debugger) also kills the running program', async () => {
  const other = await setUp('forever2.c', FOREVER_C);
  try {
    const stop = await other.dc.startSession('launch', other.launchArgs());
    const pid = Number(await other.dc.evaluate('pid'));
    assert.equal(pid, stop.body.threadId);
    assert.equal(await stillRunning(pid), true);
    await other.dc.disconnectRequest({});
    assert.equal(await stillRunning(pid), false, `pid ${pid} still runs after disconnect`);
  } finally {
    await other.teardown();
  }
});
