/**
 * The syscall's arguments as values the condition language and the Variables view use. The
 * parser keeps arguments as raw text (`record.argsText`) and structures them on demand with
 * `parseArgs`; this file does that once per event (cached, since the same event is asked
 * about by several breakpoints) and derives the two fields people filter on most: `fd` (the
 * descriptor the call works on, or the one it returned) and `path` (the file it names).
 */
import { parseArgs, type Arg, type FdAnnotation } from 'strace-parser';
import type { TraceEvent } from '../engine/types';
import type { Value, ValueRecord } from './expression';

const cache = new WeakMap<TraceEvent, Arg[]>();

/** Structured arguments of a syscall event; [] for signals, exits and unparsable text. */
export function argsOf(event: TraceEvent): Arg[] {
  if (event.record.kind !== 'syscall') return [];
  let args = cache.get(event);
  if (!args) {
    try { args = parseArgs(event.record.argsText); } catch { args = []; }
    cache.set(event, args);
  }
  return args;
}

/** An argument as a plain value: numbers and fds as numbers, strings decoded, structs as records. */
export function argValue(arg: Arg): Value {
  switch (arg.type) {
    case 'string': return arg.value;
    case 'number': return arg.value;
    case 'fd': return arg.fd;
    case 'array': return arg.items.map(argValue);
    case 'struct': {
      const out: Record<string, Value> = {};
      arg.fields.forEach((f, i) => { out[f.name ?? String(i)] = argValue(f.value); });
      return out as ValueRecord;
    }
    case 'inout': return argValue(arg.after);
    default: return arg.text;
  }
}

export function annotationPath(a: FdAnnotation | undefined): string | null {
  if (!a) return null;
  if (a.kind === 'path' || a.kind === 'device') return a.path;
  if (a.kind === 'socket') return a.path ?? null;
  return null;
}

/** The descriptor the call works on (its first fd argument), else the fd it returned. */
export function fdOf(event: TraceEvent): number | null {
  const first = argsOf(event).find((a) => a.type === 'fd');
  if (first && first.type === 'fd') return first.fd;
  const rec = event.record;
  if (rec.kind === 'syscall' && rec.retFd && rec.ret !== undefined && rec.ret >= 0) return rec.ret;
  return null;
}

/** The path the call names (first string argument that looks like a path), else its fd's path. */
export function pathOf(event: TraceEvent): string | null {
  const args = argsOf(event);
  for (const a of args) if (a.type === 'string' && (a.value.startsWith('/') || a.value.startsWith('.') || PATH_CALLS.has(event.name))) return a.value;
  for (const a of args) if (a.type === 'fd') { const p = annotationPath(a.annotation); if (p) return p; }
  const rec = event.record;
  return rec.kind === 'syscall' ? annotationPath(rec.retFd) : null;
}

// Calls whose first string argument is a path even when relative ("notes.txt").
const PATH_CALLS = new Set(['open', 'openat', 'openat2', 'creat', 'stat', 'lstat', 'newfstatat', 'statx', 'access', 'faccessat', 'faccessat2',
  'execve', 'execveat', 'unlink', 'unlinkat', 'mkdir', 'mkdirat', 'rmdir', 'rename', 'renameat', 'renameat2', 'chdir', 'chmod',
  'fchmodat', 'chown', 'fchownat', 'readlink', 'readlinkat', 'truncate', 'link', 'linkat', 'symlink', 'symlinkat', 'mknod', 'mknodat',
  'utimensat', 'inotify_add_watch', 'mount', 'umount2', 'chroot', 'pivot_root']);
