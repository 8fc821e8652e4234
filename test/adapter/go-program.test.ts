// A Go program through the adapter: stop on entry skips the runtime's start-up syscalls and
// lands on the user's first file call, next follows main's lines, a breakpoint inside a
// goroutine stops on whichever OS thread ran it, and the exit status reaches `exited`. With
// justMyCode the runtime's frames carry no source (VS Code would open `asm_linux_amd64.s`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { setUp, type Fixture } from './support/fixture';

const FILES_GO = `package main

import (
	"os"
	"sync"
)

func main() {
	f, err := os.Create(os.Args[1]) // #OPEN
	if err != nil {
		os.Exit(1)
	}
	f.Write([]byte("hello from Go\\n")) // #WRITE
	f.Close()                          // #CLOSE
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		os.Stdout.Write([]byte("done\\n")) // #STDOUT
		wg.Done()
	}()
	wg.Wait()
	os.Exit(4) // #EXIT
}
`;

let fx: Fixture;
let tid = 0;
before(async () => {
  fx = await setUp('files.go', FILES_GO);
  const stop = await fx.dc.startSession('launch', fx.launchArgs({ args: [path.join(fx.ws.dir, 'out.txt')] }), { breakpoints: [{ path: fx.source, lines: [fx.line('#STDOUT')] }] });
  assert.equal(stop.body.reason, 'entry');
  tid = stop.body.threadId ?? 0;
});
after(async () => { await fx.teardown(); });

test('entry is the user\'s first syscall, not the Go runtime\'s', async () => {
  assert.equal((await fx.dc.userFrame(tid)).line, fx.line('#OPEN'));
  assert.equal(await fx.dc.evaluate('name'), 'openat');
  assert.equal(await fx.dc.evaluate('path'), path.join(fx.ws.dir, 'out.txt'));
  assert.match((await fx.dc.userFrame(tid)).name, /main\.main/);
});

test('justMyCode: runtime frames carry no source, so the first frame VS Code fetches opens no runtime file', async () => {
  // VS Code asks for one frame first (delayed loading) and opens its source at once.
  const first = (await fx.dc.stackTraceRequest({ threadId: tid, startFrame: 0, levels: 1 })).body.stackFrames[0];
  assert.ok(!first.source || first.source.path === fx.source, `the first frame opens no runtime file: ${JSON.stringify(first)}`);
  const all = (await fx.dc.stackTraceRequest({ threadId: tid })).body.stackFrames;
  const runtime = all.filter((f) => f.presentationHint === 'subtle');
  assert.ok(runtime.length > 0, `the Go runtime's frames are listed: ${JSON.stringify(all.map((f) => f.name))}`);
  for (const f of runtime) assert.equal(f.source, undefined, `runtime frame ${f.name} carries no source`);
  assert.ok(runtime.every((f) => / \(.+\)$/.test(f.name)), 'runtime frames keep their function and module name');
});

test('next follows main line by line', async () => {
  await fx.dc.move('next', tid);
  assert.equal((await fx.dc.userFrame(tid)).line, fx.line('#WRITE'));
  await fx.dc.move('next', tid);
  assert.equal((await fx.dc.userFrame(tid)).line, fx.line('#CLOSE'));
  await fx.dc.move('stepBack', tid);
  assert.equal((await fx.dc.userFrame(tid)).line, fx.line('#WRITE'));
});

test('a breakpoint in a goroutine stops there; continue ends with the exit status', async () => {
  const stop = await fx.dc.move('continue', tid);
  assert.equal(stop.body.reason, 'breakpoint');
  const where = await fx.dc.userFrame(stop.body.threadId ?? 0);
  assert.equal(where.line, fx.line('#STDOUT'));
  assert.match(where.name, /main\.main\.func1/);
  const exited = fx.dc.waitForEvent('exited');
  await fx.dc.continueRequest({ threadId: tid });
  assert.equal((await exited).body.exitCode, 4);
});

test('justMyCode false: runtime frames keep their (de-emphasised) source', async () => {
  const own = await setUp('files.go', FILES_GO);
  try {
    const stop = await own.dc.startSession('launch', own.launchArgs({ args: [path.join(own.ws.dir, 'out.txt')], justMyCode: false }));
    const all = (await own.dc.stackTraceRequest({ threadId: stop.body.threadId ?? 0 })).body.stackFrames;
    const runtime = all.filter((f) => f.presentationHint === 'subtle' && f.source?.path);
    assert.ok(runtime.length > 0, `some runtime frame has its source: ${JSON.stringify(all)}`);
    assert.ok(runtime.every((f) => f.source?.presentationHint === 'deemphasize'));
    assert.ok(all.some((f) => f.source?.path === own.source && f.presentationHint !== 'subtle'), 'main\'s frame is still there');
  } finally {
    await own.teardown();
  }
});
