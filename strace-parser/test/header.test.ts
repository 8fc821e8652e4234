/**
 * Unit tests for the header level of the grammar: prefixes, timestamps, durations, return
 * forms, unfinished/resumed merging, signals, exits, detaching, strace's own messages,
 * `-k`/`-kk` frames and `-c` tables. Each input is text strace really prints (copied from
 * strace 6.1 runs on this machine, or from strace's documentation for other versions).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StraceParser, parse, parseArgs } from 'strace-parser';
import type { ExitRecord, SignalRecord, StraceMessageRecord, SummaryRecord } from 'strace-parser';
import { assertAccounted, one, syscalls } from './helpers';

test('prefixes: none, "PID  " (-o) and "[pid  N] " (stderr)', () => {
  assert.equal(one('close(3) = 0').pid, undefined);
  assert.equal(one('8606  close(3) = 0').pid, 8606);
  assert.equal(one('[pid  8607] close(3) = 0').pid, 8607);
  assert.equal(one('[pid 12] close(3) = 0').pid, 12);
  assert.equal(parse('close(3) = 0', { defaultPid: 77 })[0]!.pid, 77);
});

test('timestamps -t, -tt, -ttt, -r and nanosecond precision', () => {
  const t = one('12:26:22 close(3) = 0');
  assert.equal(t.time, 12 * 3600 + 26 * 60 + 22);
  assert.equal(t.timeText, '12:26:22');
  const tt = one('8606  12:26:23.229399 write(2, "x", 1) = 1');
  assert.ok(Math.abs(tt.time! - (12 * 3600 + 26 * 60 + 23.229399)) < 1e-9);
  const ttt = one('8606  1795436711.468394 brk(NULL)       = 0x55b37cf0a000 <0.000010>');
  assert.equal(ttt.time, 1795436711.468394);
  assert.equal(ttt.duration, 0.00001);
  const r = one('     0.000026 brk(NULL)           = 0x55f7abe98000');
  assert.equal(r.time, 0.000026);
  const rp = one('9754       0.000029 access("/etc/ld.so.preload", R_OK) = -1 ENOENT (No such file or directory)');
  assert.equal(rp.pid, 9754);
  assert.equal(rp.time, 0.000029);
  const ns = one('1700000000.123456789 getpid() = 5');
  assert.equal(ns.timeText, '1700000000.123456789');
});

test('return forms', () => {
  const e = one('access("/etc/ld.so.preload", R_OK) = -1 ENOENT (No such file or directory)');
  assert.deepEqual([e.ret, e.errno, e.errnoMessage], [-1, 'ENOENT', 'No such file or directory']);
  assert.equal(one('brk(NULL) = 0x55b37cf0a000').ret, 0x55b37cf0a000);
  const q = one('exit_group(0)                           = ?');
  assert.equal(q.resultText, '?');
  assert.equal(q.ret, undefined);
  const rs = one('[pid 5] <... read resumed>0x7ffc, 10) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)');
  assert.deepEqual([rs.ret, rs.errno, rs.errnoMessage], [undefined, 'ERESTARTSYS', 'To be restarted if SA_RESTART is set']);
  const f = one('fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)');
  assert.deepEqual([f.ret, f.retDetail, f.errno], [1, 'flags FD_CLOEXEC', undefined]);
  const fd = one('openat(AT_FDCWD</tmp/pp>, "/etc/hostname", O_RDONLY) = 3</etc/hostname>');
  assert.deepEqual(fd.retFd, { kind: 'path', path: '/etc/hostname' });
  assert.equal(fd.ret, 3);
  const dev = one('dup2(4</dev/null<char 1:3>>, 1)         = 1</dev/null<char 1:3>>');
  assert.deepEqual(dev.retFd, { kind: 'device', path: '/dev/null', device: 'char 1:3' });
  assert.equal(dev.argsText, '4</dev/null<char 1:3>>, 1');
  const sock = one('accept4(3<TCP:[127.0.0.1:9999]>, NULL, NULL, 0) = 4<TCP:[127.0.0.1:9999->127.0.0.1:40000]>');
  assert.deepEqual(sock.retFd, { kind: 'socket', protocol: 'TCP', local: '127.0.0.1:9999', remote: '127.0.0.1:40000' });
  const to = one('poll([{fd=3, events=POLLIN}], 1, 10) = 0 (Timeout)');
  assert.equal(to.retDetail, 'Timeout');
  const cm = one('getdents64(3, 0x5600 /* 3 entries */, 32768) = 80');
  assert.equal(cm.argsText, '3, 0x5600 /* 3 entries */, 32768');
  const rc = one('prctl(PR_GET_NAME, "x") = 0 /* a comment */');
  assert.equal(rc.comment, 'a comment');
  const un = one('read(3, "x", 1) = ? <unavailable>');
  assert.equal(un.duration, undefined);
  assert.equal(un.resultText, '?');
  const inj = one('openat(AT_FDCWD, "/x", O_RDONLY) = -1 ENOENT (No such file or directory) (INJECTED)');
  assert.deepEqual([inj.errno, inj.retDetail], ['ENOENT', 'INJECTED']);
  const neg = one('lseek(3, -1, SEEK_CUR) = -1 EINVAL (Invalid argument) <0.000005>');
  assert.equal(neg.duration, 0.000005);
});

test('a ")" or " = " inside a string or a path does not end the arguments', () => {
  const s = one('write(1, "a) = 3 \\"(x\\\\", 9) = 9');
  assert.equal(s.argsText, '1, "a) = 3 \\"(x\\\\", 9');
  assert.equal(s.ret, 9);
  const p = one('openat(AT_FDCWD</tmp/a) = 1>, "b", O_RDONLY) = 3</tmp/a) = 1/b>');
  assert.equal(p.argsText, 'AT_FDCWD</tmp/a) = 1>, "b", O_RDONLY');
  assert.deepEqual(p.retFd, { kind: 'path', path: '/tmp/a) = 1/b' });
});

test('unfinished / resumed calls merge into one record, with and without a space', () => {
  const text = [
    '8606  1.000000 read(3</etc/hostname>,  <unfinished ...>',
    '8607  1.000100 rt_sigprocmask(SIG_SETMASK, [],  <unfinished ...>',
    '8606  1.000200 <... read resumed>"vm\\n", 64) = 3 <0.000063>',
    '8607  1.000300 <... rt_sigprocmask resumed> NULL, 8) = 0 <0.000863>',
  ].join('\n');
  const recs = parse(text);
  assertAccounted(text, recs);
  const [read, mask] = syscalls(recs);
  assert.equal(read!.name, 'read');
  assert.equal(read!.argsText, '3</etc/hostname>, "vm\\n", 64');
  assert.deepEqual([read!.start, read!.end, read!.resumed, read!.cutOff, read!.ret], [1, 1.0002, true, false, 3]);
  assert.deepEqual(read!.lines, [1, 3]);
  assert.equal(read!.raw, `${text.split('\n')[0]}\n${text.split('\n')[2]}`);
  assert.equal(mask!.argsText, 'SIG_SETMASK, [],  NULL, 8');
  assert.deepEqual(mask!.lines, [2, 4]);
});

test('a resumed call that is unfinished again stays one record', () => {
  const text = [
    '[pid 10] clone3({flags=CLONE_VM, exit_signal=0} <unfinished ...>',
    '[pid 11] getpid() = 11',
    '[pid 10] <... clone3 resumed> => {parent_tid=[12]} <unfinished ...>',
    '[pid 11] getpid() = 11',
    '[pid 10] <... clone3 resumed>, 88) = 12',
  ].join('\n');
  const recs = parse(text);
  assertAccounted(text, recs);
  const c = syscalls(recs).find((r) => r.name === 'clone3')!;
  assert.deepEqual(c.lines, [1, 3, 5]);
  assert.equal(c.argsText, '{flags=CLONE_VM, exit_signal=0} => {parent_tid=[12]}, 88');
  assert.equal(c.ret, 12);
});

test('strace -Z: a bare ")  = …" tail with no prefix ends the call parked on the line before', () => {
  // Copied from strace 6.1 `-f -Z -tt -o FILE` runs of test/programs/workload.c on this
  // machine (about 1 run in 25 under load): the staged block is the unfinished line and then
  // the call's tail, `)` padded to column 40, without pid or time and without `<... resumed>`.
  const pad = ' '.repeat(39);
  const text = [
    '31896 14:12:12.203666 futex(0x7f5557bf4990, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, 31920, NULL, FUTEX_BITSET_MATCH_ANY <unfinished ...>',
    `)${pad}= -1 EAGAIN (Resource temporarily unavailable)`,
    '31896 14:12:12.203791 --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=31896, si_uid=0} ---',
    '31837 14:12:12.057814 pause( <unfinished ...>',
    `)${pad}= ? ERESTARTNOHAND (To be restarted if no handler)`,
    '31837 14:12:12.057873 --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=31823, si_uid=0} ---',
    '31837 14:12:12.057963 +++ killed by SIGTERM +++',
  ].join('\n');
  const recs = parse(text);
  assertAccounted(text, recs);
  assert.deepEqual(recs.filter((r) => r.kind === 'unparsed'), []);
  const [futex, pause] = syscalls(recs);
  assert.equal(syscalls(recs).length, 2);
  assert.deepEqual(
    [futex!.name, futex!.pid, futex!.lines, futex!.ret, futex!.errno, futex!.resumed, futex!.cutOff, futex!.missingStart],
    ['futex', 31896, [1, 2], -1, 'EAGAIN', true, false, undefined],
  );
  assert.equal(futex!.argsText, '0x7f5557bf4990, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, 31920, NULL, FUTEX_BITSET_MATCH_ANY');
  assert.equal(futex!.raw, `${text.split('\n')[0]}\n)${pad}= -1 EAGAIN (Resource temporarily unavailable)`);
  assert.deepEqual([pause!.name, pause!.pid, pause!.lines, pause!.resultText, pause!.errno, pause!.cutOff], ['pause', 31837, [4, 5], '? ERESTARTNOHAND (To be restarted if no handler)', 'ERESTARTNOHAND', false]);
});

test('a ")  = …" tail that follows no parked call is a "?" call with a missing start, never another pid\'s call', () => {
  // Prefixed tail: ends the call parked for its own pid, or is a nameless call of that pid.
  const own = parse('7  12:00:00.000001 read(3,  <unfinished ...>\n8  12:00:00.000002 getpid() = 8\n7  12:00:00.000003 )   = -1 EAGAIN (Resource temporarily unavailable)');
  const read = syscalls(own).find((r) => r.pid === 7)!;
  assert.deepEqual([read.name, read.lines, read.errno, read.resumed, read.missingStart], ['read', [1, 3], 'EAGAIN', true, undefined]);
  const text = [
    '7  12:00:00.000001 read(3,  <unfinished ...>',
    '8  12:00:00.000002 getpid() = 8',
    `)${' '.repeat(39)}= -1 EAGAIN (Resource temporarily unavailable)`,
    '9  12:00:00.000004 )   = -1 EAGAIN (Resource temporarily unavailable)',
  ].join('\n');
  const recs = parse(text);
  assertAccounted(text, recs);
  assert.deepEqual(recs.filter((r) => r.kind === 'unparsed'), []);
  const unknown = syscalls(recs).filter((r) => r.name === '?');
  assert.deepEqual(unknown.map((r) => [r.pid, r.lines, r.ret, r.errno, r.missingStart, r.argsText]), [
    [undefined, [3], -1, 'EAGAIN', true, ''],
    [9, [4], -1, 'EAGAIN', true, ''],
  ]);
  assert.equal(unknown[1]!.timeText, '12:00:00.000004');
  assert.equal(unknown[0]!.raw, text.split('\n')[2]);
  // Pid 7's read was not claimed by the bare tail two lines after it: it stays unfinished.
  const parked = syscalls(recs).find((r) => r.pid === 7)!;
  assert.deepEqual([parked.name, parked.lines, parked.cutOff], ['read', [1], true]);
});

test('unfinished calls never resumed come out cut off, at the pid\'s exit or at end()', () => {
  const text = [
    '5 read(0,  <unfinished ...>',
    '6 futex(0x1, FUTEX_WAIT, 0, NULL <unfinished ...>',
    '5 +++ killed by SIGKILL +++',
  ].join('\n');
  const p = new StraceParser();
  const first = p.push(`${text}\n`);
  assert.deepEqual(first.map((r) => r.kind), ['syscall', 'exit']);
  assert.equal(syscalls(first)[0]!.cutOff, true);
  const rest = p.end();
  assert.equal(rest.length, 1);
  assert.deepEqual([syscalls(rest)[0]!.name, syscalls(rest)[0]!.cutOff], ['futex', true]);
  const died = one('read(0,  <unfinished ...>) = ?');
  assert.deepEqual([died.cutOff, died.resultText, died.argsText], [true, '?', '0, ']);
});

test('an execve by a non-leader thread resumes under the leader pid', () => {
  const text = [
    '9755  execve("/usr/bin/true", ["true"], 0x7ffd /* 35 vars */ <unfinished ...>',
    '9754  <... pause resumed>) = ?',
    '9754  +++ superseded by execve in pid 9755 +++',
    '9754  <... execve resumed>) = 0',
  ].join('\n');
  const recs = parse(text);
  assertAccounted(text, recs);
  const ex = syscalls(recs).find((r) => r.name === 'execve')!;
  assert.deepEqual([ex.resumed, ex.lines, ex.ret], [true, [1, 4], 0]);
  const sup = recs.find((r): r is ExitRecord => r.kind === 'exit')!;
  assert.deepEqual([sup.how, sup.byPid], ['superseded', 9755]);
  assert.equal(syscalls(recs).find((r) => r.name === 'pause')!.missingStart, true);
});

test('signals and exits', () => {
  const recs = parse([
    '8606  --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=8608, si_uid=0, si_status=0} ---',
    '8606  --- stopped by SIGSTOP ---',
    '8606  +++ exited with 7 +++',
    '8607  +++ killed by SIGSEGV (core dumped) +++',
    '8608  +++ killed by SIGKILL +++',
  ].join('\n'));
  const [s1, s2, e1, e2, e3] = recs as [SignalRecord, SignalRecord, ExitRecord, ExitRecord, ExitRecord];
  assert.deepEqual([s1.signal, s1.stopped, s1.infoText?.startsWith('si_signo=SIGCHLD')], ['SIGCHLD', false, true]);
  assert.deepEqual([s2.signal, s2.stopped], ['SIGSTOP', true]);
  assert.deepEqual([e1.how, e1.code, e1.pid], ['exited', 7, 8606]);
  assert.deepEqual([e2.how, e2.signal, e2.coreDumped], ['killed', 'SIGSEGV', true]);
  assert.deepEqual([e3.signal, e3.coreDumped], ['SIGKILL', false]);
});

test('detached: inside a call, after an unfinished line, and alone', () => {
  const d = one('restart_syscall(<... resuming interrupted read ...> <detached ...>');
  assert.deepEqual([d.detached, d.cutOff, d.argsText], [true, true, '<... resuming interrupted read ...>']);
  const text = '5 wait4(-1,  <unfinished ...>\n5 <detached ...>\n6 <detached ...>';
  const recs = parse(text);
  assertAccounted(text, recs);
  assert.deepEqual(recs.map((r) => r.kind), ['syscall', 'exit']);
  assert.equal((recs[1] as ExitRecord).how, 'detached');
});

test("strace's own messages", () => {
  const [a, d, w] = parse('strace: Process 9775 attached\nstrace: Process 9775 detached\nstrace: walk: failed to get the stack') as StraceMessageRecord[];
  assert.deepEqual([a!.event, a!.aboutPid], ['attached', 9775]);
  assert.deepEqual([d!.event, d!.aboutPid], ['detached', 9775]);
  assert.equal(w!.event, 'warning');
});

test('-k frames attach to the call before them, including after the exit line', () => {
  const text = [
    '8606  1.0 openat(AT_FDCWD, "/etc/hostname", O_RDONLY <unfinished ...>',
    '8606  1.1 <... openat resumed>) = 3 <0.000027>',
    ' > /usr/lib/x86_64-linux-gnu/libc.so.6(__open64+0xd0) [0xf8090]',
    ' > /tmp/pp/t(main+0x3e) [0x127d]',
    ' > /usr/bin/true() [0x23f1]',
    ' > /usr/lib/x86_64-linux-gnu/libc.so.6(__libc_start_main+0x85) [0x27305] ../csu/libc-start.c:360',
    '8606  1.2 exit_group(7)   = ?',
    '8606  1.3 +++ exited with 7 +++',
    ' > /usr/lib/x86_64-linux-gnu/libc.so.6(_exit+0x29) [0xd4409]',
  ].join('\n');
  const recs = parse(text);
  assertAccounted(text, recs);
  const [open, exit] = syscalls(recs);
  assert.equal(open!.stack.length, 4);
  assert.deepEqual(open!.stack[0], { module: '/usr/lib/x86_64-linux-gnu/libc.so.6', symbol: '__open64', symbolOffset: 0xd0, address: 0xf8090, raw: ' > /usr/lib/x86_64-linux-gnu/libc.so.6(__open64+0xd0) [0xf8090]' });
  assert.deepEqual([open!.stack[2]!.module, open!.stack[2]!.symbol, open!.stack[2]!.address], ['/usr/bin/true', undefined, 0x23f1]);
  assert.deepEqual([open!.stack[3]!.file, open!.stack[3]!.line], ['../csu/libc-start.c', 360]);
  assert.deepEqual(open!.lines, [1, 2, 3, 4, 5, 6]);
  assert.equal(exit!.stack[0]!.symbol, '_exit');
  assert.deepEqual(recs.map((r) => r.kind), ['syscall', 'syscall', 'exit']);
  const orphan = parse(' > /x(y+0x1) [0x2]');
  assert.equal(orphan[0]!.kind, 'unparsed');
});

test('-c summary table is one summary record', () => {
  const text = [
    '% time     seconds  usecs/call     calls    errors syscall',
    '------ ----------- ----------- --------- --------- ----------------',
    ' 29.50    0.000262         262         1           clock_nanosleep',
    '  0.00    0.000000           0        10         8 execve',
    '------ ----------- ----------- --------- --------- ----------------',
    '100.00    0.000888           9        93        10 total',
  ].join('\n');
  const recs = parse(text);
  assertAccounted(text, recs);
  assert.equal(recs.length, 1);
  const s = recs[0] as SummaryRecord;
  assert.equal(s.kind, 'summary');
  assert.deepEqual(s.rows[1], { percentTime: 0, seconds: 0, usecsPerCall: 0, calls: 10, errors: 8, syscall: 'execve' });
  assert.equal(s.total!.calls, 93);
});

test('garbage becomes unparsed records with a reason, never an exception', () => {
  const text = 'hello world\n\n+++ what +++\n<... x\n--- ---\n12345';
  const recs = parse(text);
  assertAccounted(text, recs);
  for (const r of recs) assert.equal(r.kind, 'unparsed');
  for (const r of recs) assert.ok(r.kind === 'unparsed' && r.reason.length > 0);
});

test('chunks may split lines and UTF-8 characters anywhere', () => {
  const text = '8606  write(1, "héllo ✓ 𝄞", 14) = 14\n8606  openat(AT_FDCWD, "/tmp/ü", O_RDONLY) = 3</tmp/ü>\n';
  const bytes = new TextEncoder().encode(text);
  for (let step = 1; step < 9; step++) {
    const p = new StraceParser();
    const out = [];
    for (let i = 0; i < bytes.length; i += step) out.push(...p.push(bytes.subarray(i, i + step)));
    out.push(...p.end());
    assert.deepEqual(out, parse(text));
    assert.equal(syscalls(out)[1]!.retFd!.kind === 'path' && (syscalls(out)[1]!.retFd as { path: string }).path, '/tmp/ü');
  }
});

test('a 1 MB single line parses in linear time', () => {
  const big = `write(1, "${'a)\\" = ('.repeat(131072)}", 1048576) = 1048576`;
  const t0 = performance.now();
  const r = one(big);
  const ms = performance.now() - t0;
  assert.equal(r.ret, 1048576);
  const unclosed = `write(1, "${'(['.repeat(500000)}`;
  const t1 = performance.now();
  const u = parse(unclosed);
  assert.equal(u.length, 1);
  assert.ok(ms < 1000 && performance.now() - t1 < 1000, `took ${ms} ms`);
});

test('a strace message written into the middle of a call line (stderr without -o)', () => {
  const text = [
    '12:37:11.660954 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLDstrace: Process 12631 attached',
    ', child_tidptr=0x7f097c6f9a10) = 12631',
    '12:37:11.686022 clone(child_stack=NULL, flags=SIGCHLDstrace: Process 12636 attached',
    ' <unfinished ...>',
    '[pid 12636] 12:37:11.686181 set_robust_list(0x7f097c6f9a20, 24) = 0',
    '12:37:11.716902 <... clone resumed>, child_tidptr=0x7f) = 12636',
  ].join('\n');
  const recs = parse(text);
  assertAccounted(text, recs);
  const sleep = [
    '[pid 18089] 13:02:09.821289 clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=200000}, strace: Process 18090 attached',
    'strace: Process 18092 attached',
    'NULL) = 0',
  ].join('\n');
  const sl = parse(sleep);
  assertAccounted(sleep, sl);
  const ns = syscalls(sl)[0]!;
  assert.deepEqual([ns.lines, ns.ret, ns.argsText, ns.cutOff], [[1, 3], 0, 'CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=200000}, NULL', false]);
  assert.equal(sl.filter((r) => r.kind === 'strace').length, 2);
  const [c1, c2] = syscalls(recs).filter((c) => c.name === 'clone');
  assert.deepEqual([c1!.lines, c1!.ret, c1!.argsText], [[1, 2], 12631, 'child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr=0x7f097c6f9a10']);
  assert.deepEqual([c2!.lines, c2!.ret, c2!.resumed], [[3, 4, 6], 12636, true]);
  const msgs = recs.filter((r): r is StraceMessageRecord => r.kind === 'strace');
  assert.deepEqual(msgs.map((m) => [m.aboutPid, m.embeddedInLine, m.lines.length]), [[12631, 1, 0], [12636, 3, 0]]);
});

test('a call started before strace added [pid N] prefixes resumes under its pid', () => {
  const text = [
    '12:50:45.616271 clone3({flags=CLONE_VM, exit_signal=0}strace: Process 14623 attached',
    ' <unfinished ...>',
    '[pid 14623] 12:50:45.616361 rseq(0x7f02aaeb3fe0, 0x20, 0, 0x53053053 <unfinished ...>',
    '[pid 14620] 12:50:45.616391 <... clone3 resumed> => {parent_tid=[14623]}, 88) = 14623',
    '[pid 14623] 12:50:45.616414 <... rseq resumed>) = 0',
  ].join('\n');
  const recs = parse(text);
  assertAccounted(text, recs);
  const c = syscalls(recs).find((r) => r.name === 'clone3')!;
  assert.deepEqual([c.pid, c.lines, c.ret, c.cutOff, c.missingStart], [14620, [1, 2, 4], 14623, false, undefined]);
});

test('resumed then unfinished again inside "= ?" (killed while resumed), and firstLine', () => {
  const text = [
    '10233 1.49 read(3<pipe:[84974]>,  <unfinished ...>',
    '10225 1.50 kill(10233, SIGKILL) = 0',
    '10233 1.52 <... read resumed> <unfinished ...>) = ?',
    '10233 1.53 +++ killed by SIGKILL +++',
  ].join('\n');
  const recs = parse(text, { firstLine: 10 });
  assertAccounted(text, recs, 10);
  const r = syscalls(recs).find((c) => c.name === 'read')!;
  assert.deepEqual([r.lines, r.resumed, r.cutOff, r.resultText, r.argsText], [[10, 12], true, true, '?', '3<pipe:[84974]>, ']);
});

test('bounded memory: endless distinct pids with unfinished calls do not pile up', () => {
  const p = new StraceParser();
  let out = 0;
  for (let pid = 1; pid <= 70000; pid++) out += p.push(`${pid} read(0,  <unfinished ...>\n`).length;
  assert.ok(out >= 70000 - 65536, `oldest parked calls were flushed (${out})`);
  assert.equal(out + p.end().length, 70000);
});

test('timestamps and durations equal Number() of their text exactly', () => {
  let seed = 7;
  const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let k = 0; k < 2000; k++) {
    const t = `${1700000000 + rand(99999999)}.${String(rand(1000000)).padStart(6, '0')}`;
    const d = `${rand(3)}.${String(rand(1000000)).padStart(6, '0')}`;
    const r = one(`${t} close(3) = 0 <${d}>`);
    assert.equal(r.time, Number(t), t);
    assert.equal(r.duration, Number(d), d);
  }
  assert.equal(one('close(3) = 0 <12345678901234567.123>').duration, Number('12345678901234567.123'));
  assert.equal(one('close(3) = 0 <.5>').duration, undefined);
});

test('random bytes (valid or not) split anywhere decode exactly as one TextDecoder call', () => {
  let seed = 99;
  const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const pieces = [[0x41], [0x0a], [0xc3, 0xa9], [0xe2, 0x9c, 0x93], [0xf0, 0x9d, 0x84, 0x9e], [0xff], [0x80], [0xe2, 0x82], [0xf0, 0x9d]];
  for (let round = 0; round < 300; round++) {
    const bytes: number[] = [];
    for (let k = 0; k < 40; k++) bytes.push(...pieces[rand(pieces.length)]!);
    const all = Uint8Array.from(bytes);
    const p = new StraceParser();
    const out = [];
    for (let i = 0; i < all.length;) {
      const n = 1 + rand(6);
      out.push(...p.push(all.subarray(i, i + n)));
      i += n;
    }
    out.push(...p.end());
    assert.deepEqual(out.map((r) => r.raw), parse(new TextDecoder().decode(all)).map((r) => r.raw));
  }
});

test('hostile 1 MB lines (unclosed annotations, comments, escapes, brackets) stay linear', () => {
  const bodies = ['a<'.repeat(500000), 'a<b'.repeat(350000) + '>', 'a<b->'.repeat(200000), '/*'.repeat(500000), '"\\"'.repeat(350000), '{('.repeat(500000), '3<'.repeat(500000) + ')'];
  for (const body of bodies) {
    const line = `write(1, ${body}, 5) = 5 ((((((( /* <0.1>`;
    const t0 = performance.now();
    const recs = parse(line);
    assert.equal(recs.length, 1);
    parseArgs(recs[0]!.kind === 'syscall' ? recs[0]!.argsText : line);
    const ms = performance.now() - t0;
    assert.ok(ms < 3000, `${body.slice(0, 6)}… took ${ms.toFixed(0)} ms`);
  }
});

test('-Y: process names after the pid, in both prefix forms', () => {
  const a = one('7193<te> brk(NULL)                      = 0x564192f88000');
  assert.deepEqual([a.pid, a.comm, a.ret], [7193, 'te', 0x564192f88000]);
  const b = one('[pid  7560<my prog>] rseq(0x7fb99d219fe0, 0x20, 0, 0x53053053) = 0');
  assert.deepEqual([b.pid, b.comm], [7560, 'my prog']);
  const e = parse('7193<te> +++ exited with 0 +++')[0]!;
  assert.deepEqual([e.kind, e.pid, e.comm], ['exit', 7193, 'te']);
  const bad = parse('7193<te broken(1) = 0')[0]!;
  assert.equal(bad.kind, 'unparsed');
});

test('-n syscall numbers and -i instruction pointers before the body', () => {
  const a = one('14910 [  59] [00007f3cd3af1ad7] execve("./te", ["./te"], 0x7ffc2c716278 /* 35 vars */) = 0');
  assert.deepEqual([a.pid, a.syscallNumber, a.instructionPointer, a.name], [14910, 59, 0x7f3cd3af1ad7, 'execve']);
  const b = one('[00007f31ecc99c47] brk(NULL)            = 0x563849bae000');
  assert.deepEqual([b.instructionPointer, b.syscallNumber, b.name], [0x7f31ecc99c47, undefined, 'brk']);
  const c = one('12:00:00.000001 [  12] brk(NULL) = 0x5646');
  assert.deepEqual([c.syscallNumber, c.time], [12, 43200.000001]);
  const [e] = parse('15115 [ 231] [????????????????] +++ exited with 0 +++');
  assert.deepEqual([e!.kind, e!.syscallNumber, e!.instructionPointer], ['exit', undefined, undefined]);
});

test('-c -U custom columns and -w: blank errors cells read from the dashes', () => {
  const text = [
    'syscall              calls    errors  longest',
    '---------------- --------- --------- --------',
    'read                     1           0.000000',
    'access                   1         1 0.000012',
    '---------------- --------- --------- --------',
    'total                   29         1 0.000012',
  ].join('\n');
  const recs = parse(text);
  assertAccounted(text, recs);
  assert.equal(recs.length, 1);
  const s = recs[0] as SummaryRecord;
  assert.deepEqual(s.columns, ['syscall', 'calls', 'errors', 'longest']);
  assert.deepEqual([s.rows[0]!.syscall, s.rows[0]!.calls, s.rows[0]!.errors, s.rows[0]!.longest], ['read', 1, 0, 0]);
  assert.deepEqual([s.rows[1]!.errors, s.rows[1]!.longest], [1, 0.000012]);
  assert.deepEqual([s.total!.calls, s.total!.errors], [29, 1]);
});
