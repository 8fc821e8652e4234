// A Go program through the adapter: stop on entry skips the runtime's start-up syscalls and
// lands on the user's first file call, next follows main's lines, a breakpoint inside a
// goroutine stops on whichever OS thread ran it, and the exit status reaches `exited`.
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
