/**
 * What a completed syscall does to its process's fd table: which descriptors it creates
 * (open*, socket, accept, pipe, eventfd, epoll, timerfd, signalfd, memfd, inotify, pidfd…),
 * duplicates (dup*, fcntl F_DUPFD*), closes (close, close_range) or marks close-on-exec
 * (fcntl F_SETFD, close_range CLOSE_RANGE_CLOEXEC). Descriptions come from the `-yy`
 * annotations; any annotated fd argument also refreshes its entry (a socket gains its
 * addresses after connect, fd 1 shows the terminal). Process-level effects (fork, execve)
 * live in the process tree.
 */
import type { SyscallRecord } from 'strace-parser';
import type { FdEntry } from '../types';
import { annotatedFds, hasFlag, leadingInt, splitArgs } from './args-text';
import { parseFdAnnotation } from 'strace-parser';
import { describeAnnotation } from './fd-annotation';
import type { FdTable } from './fd-table';

/** Calls whose return value is a new descriptor. */
const RETURNS_NEW_FD = new Set([
  'open', 'openat', 'openat2', 'creat', 'socket', 'accept', 'accept4', 'eventfd', 'eventfd2',
  'epoll_create', 'epoll_create1', 'timerfd_create', 'signalfd', 'signalfd4', 'memfd_create',
  'memfd_secret', 'inotify_init', 'inotify_init1', 'fanotify_init', 'perf_event_open', 'userfaultfd',
  'pidfd_open', 'pidfd_getfd', 'open_by_handle_at', 'open_tree', 'fsopen', 'fsmount', 'fspick',
  'mq_open', 'bpf', 'io_uring_setup', 'landlock_create_ruleset',
]);
/** Calls that fill an int[2] with two new descriptors. */
const RETURNS_FD_PAIR = new Set(['pipe', 'pipe2', 'socketpair']);
/** pidfds are always close-on-exec. */
const ALWAYS_CLOEXEC = new Set(['pidfd_open', 'pidfd_getfd']);

/** Applies one syscall's effects, as seen just after it completed, to `table`. */
export function applyFdEffects(record: SyscallRecord, seq: number, table: FdTable): void {
  const name = record.name;
  // A pair's annotations are the new fds themselves; they are recorded below with their flags.
  if (!RETURNS_FD_PAIR.has(name)) refreshAnnotations(record, seq, table);
  if (record.ret === undefined) return;
  // close() fails with EINTR after releasing the fd on Linux; any other failure changes nothing.
  if (record.errno !== undefined && !(name === 'close' && record.errno === 'EINTR')) return;
  const args = splitArgs(record.argsText);
  if (RETURNS_NEW_FD.has(name)) {
    if (record.ret < 0) return;
    const cloexec = ALWAYS_CLOEXEC.has(name) || hasCloexecFlag(record.argsText);
    table.set(seq, makeEntry(record.ret, record.retFd, cloexec, seq));
    return;
  }
  if (RETURNS_FD_PAIR.has(name)) {
    if (record.ret !== 0) return;
    const pair = args[name === 'socketpair' ? 3 : 0];
    const cloexec = hasCloexecFlag(args.slice(1).join(','));
    for (const { fd, annotation } of annotatedFds(pair ?? '')) {
      const a = parseFdAnnotation(annotation);
      table.set(seq, { fd, description: describeAnnotation(a), annotation: a, cloexec, openedAt: seq });
    }
    if (!pair?.includes('<')) {
      for (const fd of (pair ?? '').replace(/[[\]]/g, '').split(',').map((s) => leadingInt(s.trim()))) {
        if (fd !== undefined) table.set(seq, makeEntry(fd, undefined, cloexec, seq));
      }
    }
    return;
  }
  switch (name) {
    case 'dup': case 'dup2': case 'dup3':
      duplicate(table, seq, leadingInt(args[0]), record.ret, name === 'dup3' && hasFlag(args[2] ?? '', 'O_CLOEXEC'), record);
      return;
    case 'fcntl': case 'fcntl64':
      fcntl(table, seq, args, record);
      return;
    case 'close': {
      const fd = leadingInt(args[0]);
      if (fd !== undefined) table.remove(seq, fd);
      return;
    }
    case 'close_range':
      closeRange(table, seq, args);
      return;
  }
}

function hasCloexecFlag(text: string): boolean {
  return /\b[A-Z]+_CLOEXEC\b/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
}

function makeEntry(fd: number, annotation: FdEntry['annotation'], cloexec: boolean, seq: number): FdEntry {
  const entry: FdEntry = { fd, description: annotation ? describeAnnotation(annotation) : `fd ${fd}`, cloexec, openedAt: seq };
  if (annotation) entry.annotation = annotation;
  return entry;
}

function duplicate(table: FdTable, seq: number, from: number | undefined, to: number | undefined, cloexec: boolean, record: SyscallRecord): void {
  if (from === undefined || to === undefined || to < 0) return;
  const source = table.current.get(from);
  const annotation = record.retFd ?? source?.annotation;
  const description = record.retFd ? describeAnnotation(record.retFd) : source?.description ?? `fd ${to}`;
  const entry: FdEntry = { fd: to, description, cloexec, openedAt: seq };
  if (annotation) entry.annotation = annotation;
  table.set(seq, entry);
}

function fcntl(table: FdTable, seq: number, args: string[], record: SyscallRecord): void {
  const fd = leadingInt(args[0]);
  const cmd = args[1];
  if (fd === undefined || record.ret === undefined || record.ret < 0) return;
  if (cmd === 'F_DUPFD' || cmd === 'F_DUPFD_CLOEXEC') {
    duplicate(table, seq, fd, record.ret, cmd === 'F_DUPFD_CLOEXEC', record);
  } else if (cmd === 'F_SETFD') {
    const entry = table.current.get(fd);
    const cloexec = hasFlag(args[2] ?? '', 'FD_CLOEXEC') || leadingInt(args[2]) === 1;
    if (entry && entry.cloexec !== cloexec) table.set(seq, { ...entry, cloexec });
  }
}

function closeRange(table: FdTable, seq: number, args: string[]): void {
  const first = leadingInt(args[0]);
  const lastText = args[1] ?? '';
  const last = /^(~0U?|UINT_MAX)$/.test(lastText) ? Infinity : leadingInt(lastText);
  if (first === undefined || last === undefined) return;
  const cloexecOnly = hasFlag(args[2] ?? '', 'CLOSE_RANGE_CLOEXEC');
  for (const entry of [...table.current.values()]) {
    if (entry.fd < first || entry.fd > last) continue;
    if (cloexecOnly) { if (!entry.cloexec) table.set(seq, { ...entry, cloexec: true }); }
    else table.remove(seq, entry.fd);
  }
}

/** Every `N<…>` argument names what fd N is right now: add unknown fds, refresh changed ones. */
function refreshAnnotations(record: SyscallRecord, seq: number, table: FdTable): void {
  if (!record.argsText.includes('<')) return;
  for (const { fd, annotation } of annotatedFds(record.argsText)) {
    const known = table.current.get(fd);
    const a = parseFdAnnotation(annotation);
    const description = describeAnnotation(a);
    if (known?.description === description) continue;
    // A socket's later annotation (with addresses) is richer than its first (inode only).
    const entry: FdEntry = { fd, description, annotation: a, cloexec: known?.cloexec ?? false };
    if (known?.openedAt !== undefined) entry.openedAt = known.openedAt;
    table.set(seq, entry);
  }
}
