/**
 * The parser against the machine's real strace: the C workload (files, sockets, pipes,
 * threads, fork/exec, signals, SIGSTOP, SIGKILL inside a read, a segfault) run with many
 * flag combinations, plus -ff, --seccomp-bpf, -c/-C, stderr output with [pid N] prefixes,
 * attach/detach with -p, a thread's execve, and a user namespace. Each trace must parse
 * with zero unparsed lines and the invariants in real-strace.ts, and the facts the workload
 * guarantees (exit 7, SIGKILL, stopped by SIGSTOP, resumed calls) must be found.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExitRecord, SignalRecord, StraceMessageRecord, SummaryRecord, SyscallRecord } from 'strace-parser';
import { attachAndDetach, checkText, checkTrace, makeWorkspace, runStrace } from './real-strace';
import type { Workspace } from './real-strace';
import { syscalls } from './helpers';

let ws: Workspace;
before(() => { ws = makeWorkspace(); });
after(() => ws?.cleanup());

function exits(records: ReturnType<typeof checkTrace>): ExitRecord[] {
  return records.filter((r): r is ExitRecord => r.kind === 'exit');
}

const FLAG_SETS: string[][] = [
  ['-f'],
  ['-f', '-ttt', '-T', '-yy', '-k'],
  ['-f', '-tt', '-T', '-y'],
  ['-f', '-t', '-X', 'raw'],
  ['-f', '-r', '-X', 'verbose', '-v'],
  ['-f', '-xx', '-s', '8'],
  ['-f', '-ttt', '-x', '-s', '200', '-yy'],
  ['-f', '-T', '-e', 'signal=none', '-e', 'trace=!futex'],
  ['-f', '-Z', '-tt'],
  ['-f', '-Y', '-ttt', '-T'],
  ['-f', '-i', '-n', '-tt'],
];

for (const flags of FLAG_SETS) {
  test(`workload under strace ${flags.join(' ')} -o FILE`, () => {
    const out = join(ws.dir, `trace.${flags.join('').replace(/[^a-zA-Z0-9]/g, '_')}`);
    const r = runStrace([...flags, '-o', out], [ws.workload, ws.dir], ws.dir);
    assert.equal(r.status, 7, r.stderr);
    const recs = checkTrace(out);
    const e = exits(recs);
    const complete = !flags.includes('-Z');
    if (complete && !flags.includes('signal=none')) {
      assert.ok(e.some((x) => x.how === 'exited' && x.code === 7), 'exit 7 found');
      assert.ok(e.some((x) => x.how === 'killed' && x.signal === 'SIGKILL'), 'SIGKILL found');
      assert.ok(e.some((x) => x.how === 'killed' && x.signal === 'SIGSEGV'), 'SIGSEGV found');
    }
    const calls = syscalls(recs);
    assert.ok(calls.length > (complete ? 100 : 0));
    if (complete) assert.ok(calls.some((c) => c.resumed && !c.missingStart), 'some calls were merged from unfinished/resumed lines');
    else assert.ok(calls.every((c) => c.errno !== undefined || c.cutOff || c.resultText === '?'), '-Z shows failed calls only');
    for (const c of calls) {
      assert.ok(c.pid !== undefined, `pid on every line with -f -o: ${c.raw}`);
      if (flags.includes('-T') && !c.cutOff && c.resultText !== '?') assert.ok(c.duration !== undefined, `duration: ${c.raw}`);
      if (flags.includes('-k') && !c.cutOff && c.resultText !== '?') assert.ok(c.stack.length > 0, `frames: ${c.raw}`);
      if (flags.some((f) => f.startsWith('-t') || f === '-r')) assert.ok(c.time !== undefined, `time: ${c.raw}`);
    }
    if (!flags.includes('signal=none')) {
      const sigs = recs.filter((x): x is SignalRecord => x.kind === 'signal');
      if (complete) assert.ok(sigs.some((s) => s.stopped && s.signal === 'SIGSTOP'), 'stopped by SIGSTOP');
    }
    if (flags.includes('-yy')) {
      assert.ok(calls.some((c) => c.retFd?.kind === 'socket' && c.retFd.protocol === 'TCP' && c.retFd.remote !== undefined), 'TCP retFd with peer');
      assert.ok(calls.some((c) => c.name === 'openat' && c.retFd?.kind === 'path' && c.retFd.path.endsWith('data (1) = 3.txt')), 'path retFd with ") = "');
    }
    if (flags.includes('-n')) assert.ok(calls.every((c) => c.syscallNumber !== undefined) && calls.some((c) => c.name === 'read' && c.syscallNumber === 0), '-n numbers');
    if (flags.includes('-i')) assert.ok(calls.filter((c) => c.instructionPointer !== undefined).length > calls.length / 2, '-i addresses');
    if (flags.includes('-Y')) assert.ok(calls.every((c) => c.comm !== undefined) && calls.some((c) => c.comm === 'workload'), '-Y comm on every line');
    if (flags.includes('-k')) {
      assert.ok(calls.some((c) => c.stack.some((f) => f.module.endsWith('/workload') && f.symbol === 'files')), 'frame in workload files()');
    }
  });
}

test('-ff: one file per pid, pid taken from the file name', () => {
  const prefix = join(ws.dir, 'ff');
  const r = runStrace(['-ff', '-tt', '-o', prefix], [ws.workload, ws.dir], ws.dir);
  assert.equal(r.status, 7, r.stderr);
  const files = readdirSync(ws.dir).filter((n) => n.startsWith('ff.'));
  assert.ok(files.length >= 8, `per-pid files: ${files.join(' ')}`);
  for (const f of files) {
    const pid = Number(f.slice(3));
    const recs = checkTrace(join(ws.dir, f), { defaultPid: pid });
    for (const rec of recs) assert.equal(rec.pid, pid);
  }
});

test('--seccomp-bpf -e trace=%file,%process,%network', () => {
  const out = join(ws.dir, 'seccomp.trace');
  const r = runStrace(['-f', '--seccomp-bpf', '-e', 'trace=%file,%process,%network', '-ttt', '-o', out], [ws.workload, ws.dir], ws.dir);
  assert.equal(r.status, 7, r.stderr);
  const calls = syscalls(checkTrace(out));
  assert.ok(calls.some((c) => c.name === 'connect'));
  assert.ok(!calls.some((c) => c.name === 'mmap' || c.name === 'read'), 'filtered calls are absent');
});

test('-c and -C: the summary table is one summary record', () => {
  const out = join(ws.dir, 'c.trace');
  assert.equal(runStrace(['-f', '-c', '-o', out], [ws.workload, ws.dir], ws.dir).status, 7);
  const recs = checkTrace(out);
  const sums = recs.filter((x): x is SummaryRecord => x.kind === 'summary');
  assert.equal(sums.length, 1);
  assert.ok(sums[0]!.rows.length > 10 && sums[0]!.total !== undefined && sums[0]!.rows.some((row) => row.syscall === 'openat' && row.errors >= 1));
  const outC = join(ws.dir, 'cc.trace');
  assert.equal(runStrace(['-f', '-C', '-o', outC], [ws.workload, ws.dir], ws.dir).status, 7);
  const outU = join(ws.dir, 'u.trace');
  assert.equal(runStrace(['-f', '-c', '-w', '-U', 'name,calls,errors,max-time,min-time', '-o', outU], [ws.workload, ws.dir], ws.dir).status, 7);
  const custom = checkTrace(outU).filter((x): x is SummaryRecord => x.kind === 'summary');
  assert.equal(custom.length, 1);
  assert.deepEqual(custom[0]!.columns, ['syscall', 'calls', 'errors', 'longest', 'shortest']);
  assert.ok(custom[0]!.rows.some((row) => row.syscall === 'openat' && row.errors >= 1 && row.longest !== undefined));
  const both = checkTrace(outC);
  assert.equal(both.filter((x) => x.kind === 'summary').length, 1);
  assert.ok(syscalls(both).length > 100);
});

test('no -o: the trace on stderr with [pid N] prefixes and strace messages', () => {
  const r = runStrace(['-f', '-tt'], [ws.workload, ws.dir], ws.dir);
  assert.equal(r.status, 7);
  const recs = checkText(r.stderr);
  assert.ok(recs.some((x) => x.kind === 'strace' && (x as StraceMessageRecord).event === 'attached'));
  assert.ok(r.stderr.includes('[pid '));
  assert.ok(syscalls(recs).some((c) => c.pid !== undefined && c.raw.startsWith('[pid ')));
  // strace writes "Process N attached" into the middle of the clone line it interrupts.
  const embedded = recs.filter((x): x is StraceMessageRecord => x.kind === 'strace' && x.embeddedInLine !== undefined);
  assert.ok(embedded.length > 0 && embedded.every((m) => m.event === 'attached' && m.aboutPid !== undefined));
  const clones = syscalls(recs).filter((c) => c.name === 'clone' || c.name === 'clone3');
  assert.ok(clones.length > 0 && clones.every((c) => !c.cutOff && c.ret !== undefined && c.ret > 0), 'clone calls completed across the message');
});

test('a thread calling execve: resumed under the leader pid after "superseded"', () => {
  const out = join(ws.dir, 'execthread.trace');
  const r = runStrace(['-f', '-o', out], [ws.workload, ws.dir, 'execthread'], ws.dir);
  assert.equal(r.status, 0, r.stderr);
  const recs = checkTrace(out);
  const sup = exits(recs).find((x) => x.how === 'superseded');
  assert.ok(sup && sup.byPid !== undefined);
  const exec = syscalls(recs).filter((c) => c.name === 'execve' && c.ret === 0);
  assert.equal(exec.length, 2, 'the program and the thread\'s /bin/true');
  assert.ok(exec.every((c) => !c.cutOff && !c.missingStart));
});

test('-p attach and detach: <detached ...> and resumed calls without a start', async () => {
  const out = join(ws.dir, 'attach.trace');
  await attachAndDetach(['sleep', '5'], ['-tt'], out, 300);
  const recs = checkTrace(out);
  const last = recs[recs.length - 1] as SyscallRecord;
  assert.equal(last.kind, 'syscall');
  assert.equal(last.detached, true);
});

test('user and pid namespaces via unshare', (t) => {
  const probe = runStrace(['-o', '/dev/null'], ['unshare', '--user', '--map-root-user', 'true'], ws.dir);
  if (probe.status !== 0) { t.skip(`unshare not permitted here: ${probe.stderr.trim()}`); return; }
  const out = join(ws.dir, 'ns.trace');
  const r = runStrace(['-f', '-yy', '-tt', '-o', out], ['unshare', '--user', '--map-root-user', '--pid', '--fork', '--mount-proc', ws.workload, ws.dir], ws.dir);
  assert.equal(r.status, 7, r.stderr);
  const calls = syscalls(checkTrace(out));
  assert.ok(calls.some((c) => c.name === 'unshare' && c.ret === 0));
});
