// Launch attributes: `args` as a shell-like string, `env` over `envFile`, a build failure that
// ends the session with diagnostics, restart, and `console: integratedTerminal` through the
// runInTerminal reverse request (the test plays the terminal and types into the program).
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import type { BuildDiagnosticsBody, EventsBatchBody } from '../../debug-adapter/protocol';
import { setUp, type Fixture } from './support/fixture';
import { ECHO_C } from './support/programs';

let fx: Fixture | undefined;
afterEach(async () => { await fx?.teardown(); fx = undefined; });

const ARGV_C = `#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) printf("[%s]", argv[i]); // #PRINT
  printf(" %s %s\\n", getenv("GREETING"), getenv("FROM_FILE")); // #ENV
  fprintf(stderr, "to stderr\\n"); // #STDERR
  return 0;
}
`;

test('args as a string are split like a shell, nothing expanded; env overrides envFile; stderr and strace warnings labelled', async () => {
  fx = await setUp('argv.c', ARGV_C);
  fx.ws.write('vars.env', '# test\nexport GREETING=from-file\nFROM_FILE="quoted value"\n');
  const exited = fx.dc.waitForEvent('exited', 60000);
  await fx.dc.configureAndStart('launch', fx.launchArgs({ args: `one "two words" 'three $HOME' four\\ five`, envFile: 'vars.env', env: { GREETING: 'hello' }, stopOnEntry: false, straceArgs: ['--seccomp-bpf'] }));
  await exited;
  assert.equal(fx.dc.stdout(), '[one][two words][three $HOME][four five] hello quoted value\n');
  assert.equal(fx.dc.outputs.filter((o) => o.category === 'stderr').map((o) => o.output).join(''), 'to stderr\n');
  // --seccomp-bpf without a filter makes strace warn; the warning is shown apart from the program's stderr.
  assert.ok(fx.dc.outputs.some((o) => o.category === 'console' && /^\[strace\] Seccomp filter is requested/.test(o.output)), JSON.stringify(fx.dc.outputs));
  // The end is said in words, with where the recording is kept.
  assert.ok(fx.dc.outputs.some((o) => o.category === 'console' && /^\[syscall-lens\] end of the recording: the program exited with code 0, \d+ events\. The run is saved in \//.test(o.output)), JSON.stringify(fx.dc.outputs));
});

test('shell operators in args are refused with a message', async () => {
  fx = await setUp('argv.c', ARGV_C);
  await fx.dc.initialize();
  await assert.rejects(fx.dc.launchRequest(fx.launchArgs({ args: 'a | b' }) as never), /shell syntax \(\|\).*array/);
});

test('a build failure sends diagnostics and ends the session with the compiler\'s message', async () => {
  fx = await setUp('broken.c', 'int main(void) {\n  return 0 // #MISSING\n}\n');
  await fx.dc.initialize();
  const terminated = fx.dc.waitForEvent('terminated');
  const failure = await fx.dc.launchRequest(fx.launchArgs() as never).then(() => undefined, (e: unknown) => e as Error);
  assert.ok(failure, 'the launch fails');
  assert.match(failure.message, /Build failed: .*broken\.c:\d+:\d+: error/);
  // The compiler's summary and our fix read as two sentences: "…before '}' token. Fix the errors…".
  assert.match(failure.message, /[^.\s]\. Fix the errors shown in the Problems view/);
  await terminated;
  const diag = fx.dc.customEvents.find((e) => e.event === 'syscallLens.buildDiagnostics')?.body as BuildDiagnosticsBody | undefined;
  assert.ok(diag, 'buildDiagnostics event');
  assert.ok(diag.diagnostics.some((d) => d.severity === 'error' && d.file.endsWith('broken.c') && d.line >= fx!.line('#MISSING')));
});

test('restart runs the program again and the timeline gets a reset batch', async () => {
  fx = await setUp('echo.c', ECHO_C);
  const first = await fx.dc.startSession('launch', fx.launchArgs());
  assert.equal(first.body.reason, 'entry');
  await fx.dc.restartRequest({});
  const again = await fx.dc.nextStop();
  assert.equal(again.body.reason, 'entry');
  assert.notEqual(again.body.threadId, first.body.threadId, 'a new process');
  assert.equal((await fx.dc.userFrame(again.body.threadId ?? 0)).line, fx.line('#READ'));
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(fx.dc.customEvents.some((e) => e.event === 'syscallLens.events' && (e.body as { reset?: boolean }).reset === true));
});

test('integratedTerminal: the program reads what is typed in the terminal and writes back to it', async () => {
  fx = await setUp('echo.c', ECHO_C);
  let terminalOutput = '';
  let terminalDone: Promise<number | null> = Promise.resolve(null);
  fx.dc.onReverseRequest('runInTerminal', (args) => {
    const a = args as { args: string[]; env?: Record<string, string>; cwd: string };
    const term = spawn(a.args[0], a.args.slice(1), { cwd: a.cwd, env: { ...process.env, ...a.env }, stdio: ['pipe', 'pipe', 'inherit'] });
    term.stdout.on('data', (d: Buffer) => { terminalOutput += d.toString(); });
    term.stdin.write('typed in the terminal\n');
    terminalDone = new Promise((resolve) => term.on('exit', (code) => resolve(code)));
    return { processId: term.pid };
  });
  const exited = fx.dc.waitForEvent('exited', 60000);
  await fx.dc.configureAndStart('launch', fx.launchArgs({ console: 'integratedTerminal', stopOnEntry: false }), {}, { supportsRunInTerminalRequest: true });
  assert.equal((await exited).body.exitCode, 0);
  await fx.dc.untilTerminated();
  await fx.dc.disconnectRequest({});
  assert.equal(await terminalDone, 0, 'the relay ends with the session');
  assert.equal(terminalOutput, 'typed in the terminal\n');
  assert.equal(fx.dc.stdout(), '', 'program output went to the terminal, not the Debug Console');
});

test('a binary without debug info: a warning says so, and entry falls back to the first event', async () => {
  fx = await setUp('echo.c', ECHO_C);
  const binary = path.join(fx.ws.dir, 'echo-nodebug');
  execFileSync('gcc', ['-O0', '-s', '-o', binary, fx.source]);
  const stop = await fx.dc.startSession('launch', fx.launchArgs({ program: binary, build: false }));
  assert.equal(stop.body.reason, 'entry');
  assert.equal(await fx.dc.evaluate('seq'), '0');
  assert.equal(await fx.dc.evaluate('name'), 'execve');
  assert.ok(fx.dc.outputs.some((o) => o.category === 'important' && /warning: .*debug/i.test(o.output)), JSON.stringify(fx.dc.outputs.map((o) => o.output)));
});

test('filter: only the named syscalls are recorded (and stepping still finds the user\'s lines)', async () => {
  fx = await setUp('echo.c', ECHO_C);
  const stop = await fx.dc.startSession('launch', fx.launchArgs({ filter: 'read, write' }));
  assert.equal((await fx.dc.userFrame(stop.body.threadId ?? 0)).line, fx.line('#READ'));
  await fx.dc.untilRunEnded();
  await new Promise((r) => setTimeout(r, 300));
  const names = new Set<string>();
  for (const e of fx.dc.customEvents) {
    if (e.event !== 'syscallLens.events') continue;
    const { batch } = e.body as EventsBatchBody;
    batch.name.forEach((n, i) => { if (batch.type[i] === 0) names.add(batch.strings[n]); });
  }
  assert.deepEqual([...names].sort(), ['read']);
});
