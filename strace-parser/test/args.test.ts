/**
 * Unit tests for `parseArgs`, `decodeStraceString` and `parseFdAnnotation`: every argument
 * form the issue lists (strings with escapes and truncation, -xx hex strings, numbers, flags,
 * structs, arrays, sigsets, in/out values, macros, expressions, comments, name=value,
 * -X raw/verbose, and every -yy annotation kind), plus hostile and deeply nested input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeStraceString, parseArgs, parseFdAnnotation } from 'strace-parser';
import type { Arg } from 'strace-parser';

function only<T extends Arg['type']>(args: Arg[], i: number, type: T): Extract<Arg, { type: T }> {
  const a = args[i];
  assert.ok(a, `no argument ${i} in ${JSON.stringify(args)}`);
  assert.equal(a.type, type, `argument ${i} is ${a.type}: ${JSON.stringify(a)}`);
  return a as Extract<Arg, { type: T }>;
}

test('strings: escapes, octal, hex (-xx), truncation, UTF-8', () => {
  const d = decodeStraceString('"a\\nb\\t\\"q\\\\\\377\\x01\\0"');
  assert.deepEqual([...d.bytes], [97, 10, 98, 9, 34, 113, 92, 255, 1, 0]);
  assert.equal(d.truncated, false);
  const t = decodeStraceString('"\\177ELF\\2\\1"...');
  assert.deepEqual([...t.bytes], [127, 69, 76, 70, 2, 1]);
  assert.equal(t.truncated, true);
  const xx = decodeStraceString('"\\x2f\\x65\\x74\\x63"');
  assert.equal(xx.text, '/etc');
  const u = decodeStraceString('"h\\303\\251llo"');
  assert.equal(u.text, 'héllo');
  const raw = decodeStraceString('"héllo ✓\\n"');
  assert.equal(raw.text, 'héllo ✓\n');
  const args = parseArgs('3, "\\177ELF\\2\\1\\1\\3\\0"..., 832');
  const s = only(args, 1, 'string');
  assert.deepEqual([s.truncated, s.bytes.length, s.text], [true, 9, '"\\177ELF\\2\\1\\1\\3\\0"...']);
  assert.equal(only(args, 2, 'number').value, 832);
});

test('numbers: decimal, negative, hex, octal modes', () => {
  const a = parseArgs('-1, 0x7f0cfc3fc990, 0644, 42, 0');
  assert.deepEqual(a.map((x) => x.type === 'number' && x.value), [-1, 0x7f0cfc3fc990, 0o644, 42, 0]);
});

test('flags, NULL and -X raw / -X verbose forms', () => {
  const a = parseArgs('AT_FDCWD, "/x", O_RDONLY|O_CLOEXEC, S_IFREG|0644, NULL');
  assert.deepEqual(only(a, 2, 'flags').flags, ['O_RDONLY', 'O_CLOEXEC']);
  assert.deepEqual(only(a, 3, 'flags').flags, ['S_IFREG', '0644']);
  assert.deepEqual(only(a, 4, 'flags').flags, ['NULL']);
  const raw = parseArgs('0xffffff9c, "/nonexist", 0');
  assert.equal(only(raw, 0, 'number').value, 0xffffff9c);
  const verbose = parseArgs('-100 /* AT_FDCWD */, "/nonexist", 0 /* O_RDONLY */');
  assert.deepEqual([only(verbose, 0, 'number').value, verbose[0]!.comment], [-100, 'AT_FDCWD']);
  assert.equal(verbose[2]!.comment, 'O_RDONLY');
  assert.equal(verbose.length, 3);
});

test('structs with nested structs, arrays and "..."', () => {
  const a = parseArgs('3</etc/ld.so.cache>, "", {st_mode=S_IFREG|0644, st_size=39631, st_rdev=makedev(0x1, 0x3), ...}, AT_EMPTY_PATH');
  const st = only(a, 2, 'struct');
  assert.equal(st.truncated, true);
  assert.deepEqual(st.fields.map((f) => f.name), ['st_mode', 'st_size', 'st_rdev']);
  const dev = st.fields[2]!.value;
  assert.equal(dev.type, 'call');
  assert.ok(dev.type === 'call' && dev.fn === 'makedev' && dev.args.length === 2);
  const msg = parseArgs('3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="hi", iov_len=2}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0');
  const iov = only(msg, 1, 'struct').fields.find((f) => f.name === 'msg_iov')!.value;
  assert.ok(iov.type === 'array' && iov.items[0]!.type === 'struct');
  const trunc = parseArgs('[1, 2, 3, ...]');
  assert.deepEqual([only(trunc, 0, 'array').items.length, only(trunc, 0, 'array').truncated], [3, true]);
});

test('sigsets, including ~[] and RT signals', () => {
  const a = parseArgs('SIG_BLOCK, ~[], [CHLD], [RTMIN RT_1], ~[KILL STOP RTMIN RT_1], 8');
  assert.deepEqual([only(a, 1, 'sigset').negated, only(a, 1, 'sigset').signals], [true, []]);
  assert.deepEqual(only(a, 2, 'sigset').signals, ['CHLD']);
  assert.deepEqual(only(a, 3, 'sigset').signals, ['RTMIN', 'RT_1']);
  assert.deepEqual(only(a, 4, 'sigset').signals, ['KILL', 'STOP', 'RTMIN', 'RT_1']);
});

test('in/out values: [112 => 16] and clone3 {…} => {…}', () => {
  const a = parseArgs('3, {sa_family=AF_INET, sin_port=htons(9999), sin_addr=inet_addr("127.0.0.1")}, [112 => 16]');
  const io = only(a, 2, 'inout');
  assert.ok(io.before.type === 'number' && io.before.value === 112 && io.after.type === 'number' && io.after.value === 16);
  const addr = only(a, 1, 'struct');
  const port = addr.fields[1]!.value;
  assert.ok(port.type === 'call' && port.fn === 'htons' && port.args[0]!.type === 'number');
  const ip = addr.fields[2]!.value;
  assert.ok(ip.type === 'call' && ip.args[0]!.type === 'string');
  const c = parseArgs('{flags=CLONE_VM, exit_signal=0} => {parent_tid=[8607]}, 88');
  const cio = only(c, 0, 'inout');
  assert.equal(cio.before.type, 'struct');
  assert.equal(cio.after.type, 'struct');
  assert.equal(c.length, 2);
});

test('expressions and macros', () => {
  const a = parseArgs('-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL');
  const st = only(a, 1, 'array').items[0]!;
  assert.ok(st.type === 'struct' && st.fields[0]!.value.type === 'expr' && st.fields[0]!.value.text === 'WIFEXITED(s) && WEXITSTATUS(s) == 0');
  const r = parseArgs('0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}');
  assert.equal(only(r, 3, 'struct').fields[0]!.value.type, 'expr');
});

test('comments and name=value arguments', () => {
  const a = parseArgs('"./t", ["./t"], 0x7ffe3c41ed68 /* 35 vars */');
  assert.deepEqual([only(a, 2, 'number').value, a[2]!.comment], [0x7ffe3c41ed68, '35 vars']);
  const e = parseArgs('"/bin/true", ["true"], [/* 35 vars */]');
  assert.equal(only(e, 2, 'array').items[0]!.type, 'comment');
  const c = parseArgs('child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f');
  assert.deepEqual(c.map((x) => x.name), ['child_stack', 'flags', 'child_tidptr']);
});

test('-yy fd annotations of every kind', () => {
  const a = parseArgs('AT_FDCWD</tmp/pp>, 3</etc/hostname>, 4</dev/null<char 1:3>>, 5<TCP:[127.0.0.1:40000->127.0.0.1:9999]>');
  assert.deepEqual(only(a, 0, 'fd'), { type: 'fd', fd: -100, annotation: { kind: 'path', path: '/tmp/pp' }, text: 'AT_FDCWD</tmp/pp>' });
  assert.deepEqual(only(a, 2, 'fd').annotation, { kind: 'device', path: '/dev/null', device: 'char 1:3' });
  assert.deepEqual(only(a, 3, 'fd').annotation, { kind: 'socket', protocol: 'TCP', local: '127.0.0.1:40000', remote: '127.0.0.1:9999' });
  assert.deepEqual(parseFdAnnotation('socket:[12345]'), { kind: 'socket', protocol: 'unknown', inode: 12345 });
  assert.deepEqual(parseFdAnnotation('UDP:[127.0.0.1:5353]'), { kind: 'socket', protocol: 'UDP', local: '127.0.0.1:5353' });
  assert.deepEqual(parseFdAnnotation('TCPv6:[[::1]:80->[::1]:5000]'), { kind: 'socket', protocol: 'TCPv6', local: '[::1]:80', remote: '[::1]:5000' });
  assert.deepEqual(parseFdAnnotation('UNIX-STREAM:[1234->5678]'), { kind: 'socket', protocol: 'UNIX-STREAM', inode: 1234, local: '1234', remote: '5678' });
  assert.deepEqual(parseFdAnnotation('UNIX-STREAM:[1234,"/run/x.sock"]'), { kind: 'socket', protocol: 'UNIX-STREAM', inode: 1234, path: '/run/x.sock' });
  assert.deepEqual(parseFdAnnotation('NETLINK:[ROUTE:4321]'), { kind: 'socket', protocol: 'NETLINK', local: 'ROUTE:4321', inode: 4321 });
  assert.deepEqual(parseFdAnnotation('pipe:[14041]'), { kind: 'pipe', inode: 14041 });
  assert.deepEqual(parseFdAnnotation('anon_inode:[eventpoll]'), { kind: 'anon', name: 'eventpoll' });
  assert.deepEqual(parseFdAnnotation('anon_inode:inotify'), { kind: 'anon', name: 'inotify' });
  assert.deepEqual(parseFdAnnotation('/tmp/x (deleted)'), { kind: 'path', path: '/tmp/x', deleted: true });
  assert.deepEqual(parseFdAnnotation('/tmp/a\\x3eb'), { kind: 'path', path: '/tmp/a>b' });
  assert.deepEqual(parseFdAnnotation('whatever'), { kind: 'other', text: 'whatever' });
  const pipe = parseArgs('[3<pipe:[14041]>, 4<pipe:[14041]>], 0');
  assert.deepEqual(only(pipe, 0, 'array').items.map((i) => i.type === 'fd' && i.fd), [3, 4]);
});

test('hostile input: stray closers, unterminated strings, 100k-deep nesting, never throws', () => {
  for (const s of ['x)y]z}', '"unterminated', '{a=', '[[[', '=>', ', , ,', '/* open', '1<2', '<>', '~[', 'f(', '"\\']) {
    const a = parseArgs(s);
    assert.ok(Array.isArray(a));
  }
  const deep = '['.repeat(100000) + ']'.repeat(100000);
  const t0 = performance.now();
  const d = parseArgs(deep);
  assert.equal(d.length, 1);
  const big = `"${'x'.repeat(1 << 20)}", ${'{a=1, '.repeat(20000)}`;
  parseArgs(big);
  assert.ok(performance.now() - t0 < 2000);
});
