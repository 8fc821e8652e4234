/**
 * Unit tests for strace's syscall classes and `-e trace=` expansion, checked against the
 * classes strace's manual documents (e.g. openat is both %file and %desc, kill is %signal
 * and %process, newfstatat is in %fstat and %%stat).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandSyscallFilter, straceClassesOf } from 'strace-parser';

test('classes of common syscalls', () => {
  assert.deepEqual(straceClassesOf('openat').sort(), ['%desc', '%file']);
  assert.deepEqual(straceClassesOf('kill').sort(), ['%process', '%signal']);
  assert.deepEqual(straceClassesOf('mmap').sort(), ['%desc', '%memory']);
  assert.deepEqual(straceClassesOf('connect'), ['%network']);
  assert.deepEqual(straceClassesOf('getpid'), ['%pure']);
  assert.deepEqual(straceClassesOf('clock_gettime'), ['%clock']);
  assert.deepEqual(straceClassesOf('setuid'), ['%creds']);
  assert.deepEqual(straceClassesOf('semop'), ['%ipc']);
  assert.ok(straceClassesOf('newfstatat').includes('%fstat') && straceClassesOf('newfstatat').includes('%%stat'));
  assert.deepEqual(straceClassesOf('futex'), []);
  assert.deepEqual(straceClassesOf('no_such_call'), []);
});

test('expandSyscallFilter: names, classes, negation, regex, "all"', () => {
  assert.equal(expandSyscallFilter([]), null);
  assert.equal(expandSyscallFilter(['all']), null);
  const s = expandSyscallFilter(['%network', 'openat', 'read,write'])!;
  assert.ok(s.has('connect') && s.has('accept4') && s.has('openat') && s.has('read') && s.has('write'));
  assert.ok(!s.has('close'));
  assert.ok(expandSyscallFilter(['%net'])!.has('socket'));
  assert.ok(expandSyscallFilter(['file'])!.has('open'));
  const neg = expandSyscallFilter(['!%memory'])!;
  assert.ok(neg.has('read') && !neg.has('mmap'));
  const re = expandSyscallFilter(['/^epoll'])!;
  assert.ok(re.has('epoll_pwait') && !re.has('read'));
  const mixed = expandSyscallFilter(['%file', '!openat'])!;
  assert.ok(mixed.has('open') && !mixed.has('openat'));
});
