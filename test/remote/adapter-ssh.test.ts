/**
 * The debug adapter stepping through a program traced over SSH: a launch with
 * `target: { type: 'ssh', … }` against a real sshd on 127.0.0.1 stops on the first syscall of
 * the user's code, and next / step back land on the marked lines of the LOCAL source file.
 * Uses the adapter suite's DebugClient (the built dist/debugAdapter.js).
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { StraceClient } from '../adapter/support/client';
import { Scratch, markerLine } from './support/project';
import { startSshd, type TestSshd } from './support/sshd';

describe('the adapter over SSH', () => {
  let sshd: TestSshd;
  let dc: StraceClient;
  const scratch = new Scratch();

  before(async () => {
    sshd = await startSshd();
    dc = new StraceClient({ adapterStderr: false });
    await dc.start();
  });
  // Each step runs even when one before it throws: a failed test must leave nothing.
  after(async () => {
    try {
      await dc?.stop();
    } finally {
      try { await sshd?.stop(); } finally { scratch.cleanup(); }
    }
  });

  it('launches on the SSH host, stops on the first user syscall, steps forwards and back on local lines', async () => {
    const main = scratch.program('files.c', 'stepping');
    const stop = await dc.startSession('launch', {
      program: main, stopOnEntry: true, runsDir: scratch.runs(),
      target: sshd.spec(),
    });
    const tid = stop.body.threadId ?? 0;
    await dc.untilRunEnded(120_000);
    const here = async () => (await dc.userFrame(tid));
    assert.deepEqual(await here().then((f) => [f.path, f.line]), [main, markerLine(main, 'OPEN')]);
    await dc.move('next', tid);
    assert.equal((await here()).line, markerLine(main, 'WRITE'));
    await dc.move('next', tid);
    assert.equal((await here()).line, markerLine(main, 'CLOSE'));
    await dc.move('stepBack', tid);
    assert.equal((await here()).line, markerLine(main, 'WRITE'));
    assert.match(dc.stdout(), /to stdout/);
  });
});
