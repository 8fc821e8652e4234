// Attach replays a recording without running anything: a saved run folder (from an earlier
// launch) and a plain strace log made by running strace by hand, with the same stepping,
// breakpoints and variables as a live run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { RunStateBody } from '../../debug-adapter/protocol';
import { StraceClient } from './support/client';
import { adapterEnv, setUp, type Fixture } from './support/fixture';
import { BASIC_C } from './support/programs';

let fx: Fixture;
let runDir = '';
before(async () => {
  fx = await setUp('basic.c', BASIC_C);
  await fx.dc.startSession('launch', fx.launchArgs({ args: [path.join(fx.ws.dir, 'notes.txt')] }));
  const exited = fx.dc.waitForEvent('exited');
  await fx.dc.continueRequest({ threadId: 0 });
  await exited;
  await new Promise((r) => setTimeout(r, 200));
  runDir = fx.dc.customEvents.map((e) => (e.body as RunStateBody).runDir).find((d): d is string => typeof d === 'string') ?? '';
});
after(async () => { await fx.teardown(); });

async function attach(trace: string, extra: Record<string, unknown> = {}): Promise<{ dc: StraceClient; tid: number }> {
  const dc = new StraceClient({ env: adapterEnv(fx.ws) });
  await dc.start();
  try {
    const stop = await dc.startSession('attach', { type: 'strace', request: 'attach', trace, ...extra }, { breakpoints: [{ path: fx.source, lines: [fx.line('#AFTER')] }] });
    assert.equal(stop.body.reason, 'entry');
    return { dc, tid: stop.body.threadId ?? 0 };
  } catch (error) {
    // The caller's finally only sees a client this returned: stop a failed one here.
    await dc.stop();
    throw error;
  }
}

test('a saved run folder replays: entry, next, breakpoint, variables', async () => {
  assert.ok(runDir && existsSync(path.join(runDir, 'trace.strace')), `run folder ${runDir}`);
  const { dc, tid } = await attach(runDir);
  try {
    assert.equal((await dc.userFrame(tid)).line, fx.line('#OPEN'));
    await dc.move('next', tid);
    assert.equal((await dc.userFrame(tid)).line, fx.line('#WRITE'));
    assert.equal((await dc.scope(tid, 'Syscall')).get('fd')?.value, '3');
    await dc.move('continue', tid);
    assert.equal((await dc.userFrame(tid)).line, fx.line('#AFTER'));
    const exited = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: tid });
    await exited;
  } finally {
    await dc.stop();
  }
});

test('a plain strace log (strace -f -k -yy by hand) replays with source lines', async () => {
  const binary = path.join(fx.ws.dir, 'basic-by-hand');
  execFileSync('gcc', ['-g', '-O0', '-fno-omit-frame-pointer', '-o', binary, fx.source]);
  const log = path.join(fx.ws.dir, 'by-hand.strace');
  execFileSync('strace', ['-f', '-ttt', '-T', '-yy', '-k', '-s', '256', '-o', log, binary, path.join(fx.ws.dir, 'other.txt')], { stdio: 'ignore' });
  const { dc, tid } = await attach(log, { sourceRoots: [fx.ws.dir] });
  try {
    assert.equal((await dc.userFrame(tid)).line, fx.line('#OPEN'));
    assert.equal(await dc.evaluate('path'), path.join(fx.ws.dir, 'other.txt'));
    await dc.move('continue', tid);
    assert.equal((await dc.userFrame(tid)).line, fx.line('#AFTER'));
    await dc.move('reverseContinue', tid);
    assert.equal(await dc.evaluate('seq'), '0');
  } finally {
    await dc.stop();
  }
});

test('attach to a missing trace fails with a message that says what to give', async () => {
  const dc = new StraceClient({ env: adapterEnv(fx.ws) });
  await dc.start();
  try {
    await dc.initialize();
    await assert.rejects(dc.attachRequest({ trace: path.join(fx.ws.dir, 'nope.strace') } as never), /nope\.strace/);
    assert.ok(readdirSync(fx.ws.dir).length > 0);
  } finally {
    await dc.stop();
  }
});
