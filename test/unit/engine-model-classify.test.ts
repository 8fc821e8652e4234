/**
 * Syscall classes for the timeline: the engine's table for the names learners meet, the
 * parser's strace classes for the rest, and `other` for names nobody knows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifySyscall } from '../../debug-adapter/engine/classify';

test('classifySyscall: table first, strace classes next, other last', () => {
  const expected: Record<string, string> = {
    openat: 'file', read: 'file', close_range: 'file', connect: 'network', accept4: 'network', clone3: 'process',
    execve: 'process', wait4: 'process', mmap: 'memory', brk: 'memory', rt_sigaction: 'signal', rt_sigreturn: 'signal',
    pipe2: 'ipc', eventfd2: 'ipc', shmget: 'ipc',
    // Not in the engine's table: decided by the parser's strace classes (%desc, %memory).
    finit_module: 'file', map_shadow_stack: 'memory',
    no_such_syscall: 'other',
  };
  for (const [name, cls] of Object.entries(expected)) assert.equal(classifySyscall(name), cls, name);
});
