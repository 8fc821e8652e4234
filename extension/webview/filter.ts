/**
 * The filter box's language and its matcher. A query is terms separated by spaces, all of
 * which must match; `-` before a term negates it. Terms: a bare word (free text: found
 * anywhere in the line strace printed, case-insensitive; `openat` thus finds openat calls),
 * `name:read,write`, `class:network` (file, network, process, memory, signal, ipc, other),
 * `errno:ENOENT` (or `errno:*` for any failure), `fd:3`, `path:/etc` (inside a quoted
 * argument), `pid:1234` (process or thread), `src:main.c` (source file), `is:failed|signal|exit`.
 * Values may be quoted: `path:"/my dir"`; a fully quoted token is always text (`"root:x"`). Bad terms raise a FilterError that says what is accepted.
 */
import { SYSCALL_CLASSES } from './classes';
import type { EventStore } from './store';
import { TYPE_EXIT, TYPE_SIGNAL } from './store';

export class FilterError extends Error {}

export type FilterTerm =
  | { kind: 'text'; negate: boolean; value: string }
  | { kind: 'name'; negate: boolean; names: string[] }
  | { kind: 'class'; negate: boolean; classes: number[] }
  | { kind: 'errno'; negate: boolean; errnos: string[] | 'any' }
  | { kind: 'fd'; negate: boolean; fd: number }
  | { kind: 'path'; negate: boolean; value: string }
  | { kind: 'pid'; negate: boolean; pid: number }
  | { kind: 'src'; negate: boolean; value: string }
  | { kind: 'is'; negate: boolean; what: 'failed' | 'signal' | 'exit' };

const KEYS = 'name, class, errno, fd, path, pid, src, is';

/** Splits on spaces outside double quotes, keeping quotes out of values; a fully quoted token is free text. */
function tokens(query: string): { value: string; quoted: boolean }[] {
  const out: { value: string; quoted: boolean }[] = [];
  const re = /(?:[^\s"]+|"[^"]*"?)+/g;
  for (const m of query.matchAll(re)) {
    const quoted = /^-?"/.test(m[0]);
    const value = m[0].replace(/"/g, '');
    if (value.length > 0) out.push({ value, quoted });
  }
  return out;
}

export function parseFilter(query: string): FilterTerm[] {
  return tokens(query).map(({ value, quoted }) => {
    if (!quoted) return parseTerm(value);
    const negate = value.startsWith('-') && value.length > 1;
    return { kind: 'text', negate, value: negate ? value.slice(1) : value };
  });
}

function parseTerm(token: string): FilterTerm {
  let negate = false;
  let t = token;
  if (t.startsWith('-') && t.length > 1) { negate = true; t = t.slice(1); }
  const colon = t.indexOf(':');
  const key = colon > 0 ? t.slice(0, colon).toLowerCase() : '';
  if (!key || !/^[a-z]+$/.test(key)) return { kind: 'text', negate, value: t };
  const value = t.slice(colon + 1);
  if (!value) throw new FilterError(`"${key}:" needs a value, e.g. ${example(key)}`);
  switch (key) {
    case 'name': case 'syscall':
      return { kind: 'name', negate, names: value.split(',').filter(Boolean) };
    case 'class': case 'cls': {
      const classes = value.split(',').filter(Boolean).map((c) => {
        const k = (SYSCALL_CLASSES as readonly string[]).indexOf(c.toLowerCase());
        if (k < 0) throw new FilterError(`unknown class "${c}": use one of ${SYSCALL_CLASSES.join(', ')}`);
        return k;
      });
      return { kind: 'class', negate, classes };
    }
    case 'errno': case 'err':
      return { kind: 'errno', negate, errnos: value === '*' || value.toLowerCase() === 'any' ? 'any' : value.split(',').map((e) => e.toUpperCase()) };
    case 'fd': {
      if (!/^\d+$/.test(value)) throw new FilterError(`fd: takes a descriptor number, e.g. fd:3 (got "${value}")`);
      return { kind: 'fd', negate, fd: Number(value) };
    }
    case 'path': return { kind: 'path', negate, value };
    case 'src': case 'source': return { kind: 'src', negate, value };
    case 'pid': case 'tid': {
      if (!/^\d+$/.test(value)) throw new FilterError(`pid: takes a process or thread id, e.g. pid:1234 (got "${value}")`);
      return { kind: 'pid', negate, pid: Number(value) };
    }
    case 'is': {
      const v = value.toLowerCase();
      const what = v === 'error' || v === 'failed' || v === 'fail' ? 'failed' : v === 'signal' ? 'signal' : v === 'exit' ? 'exit' : null;
      if (!what) throw new FilterError(`is: takes failed, signal or exit (got "${value}")`);
      return { kind: 'is', negate, what };
    }
    default:
      // Not a known key: treat as text (e.g. a word with a colon like "AT_FDCWD:" or "0x1:2").
      if (['http', 'https', 'file'].includes(key)) return { kind: 'text', negate, value: t };
      throw new FilterError(`unknown filter "${key}:" — use ${KEYS}, or plain words`);
  }
}

function example(key: string): string {
  const ex: Record<string, string> = { name: 'name:openat', class: 'class:network', errno: 'errno:ENOENT', fd: 'fd:3', path: 'path:/etc', pid: 'pid:1234', src: 'src:main.c', is: 'is:failed' };
  return ex[key] ?? `${key}:value`;
}

/** Calls that return a new descriptor: `fd:N` matches them when they returned N. */
const FD_CREATORS = new Set(['open', 'openat', 'openat2', 'creat', 'socket', 'accept', 'accept4', 'dup', 'dup2', 'dup3', 'epoll_create', 'epoll_create1', 'eventfd', 'eventfd2', 'inotify_init', 'inotify_init1', 'memfd_create', 'timerfd_create', 'signalfd', 'signalfd4', 'fanotify_init', 'pidfd_open', 'userfaultfd', 'perf_event_open', 'fcntl']);
/** Calls that return descriptors in an array argument: pipe([3, 4]). */
const FD_PAIRS = new Set(['pipe', 'pipe2', 'socketpair']);

/** The descriptors a call's line refers to: its first argument, its result if it made one, dup2's target, pipe's pair. */
export function eventFds(name: string, raw: string, ret: number): number[] {
  const fds: number[] = [];
  const open = raw.indexOf(name + '(');
  if (open >= 0) {
    const args = raw.slice(open + name.length + 1);
    const first = /^(-?\d+)(?:<[^>]*>)?[,)]/.exec(args);
    if (first) fds.push(Number(first[1]));
    if (name === 'dup2' || name === 'dup3') {
      const second = /^\d+(?:<[^>]*>)?, (\d+)/.exec(args);
      if (second) fds.push(Number(second[1]));
    }
    if (FD_PAIRS.has(name)) {
      const pair = /\[(\d+)(?:<[^>]*>)?, (\d+)/.exec(args);
      if (pair) fds.push(Number(pair[1]), Number(pair[2]));
    }
  }
  if (FD_CREATORS.has(name) && Number.isFinite(ret) && ret >= 0) fds.push(ret);
  return fds;
}

const QUOTED = /"((?:[^"\\]|\\.)*)"/g;

/** Builds the predicate over store indexes for parsed terms; null when there are none. */
export function compileFilter(terms: FilterTerm[], store: EventStore): ((i: number) => boolean) | null {
  if (terms.length === 0) return null;
  const tests = terms.map((t) => {
    const test = compileTerm(t, store);
    return t.negate ? (i: number) => !test(i) : test;
  });
  return (i) => {
    for (const test of tests) if (!test(i)) return false;
    return true;
  };
}

function compileTerm(t: FilterTerm, s: EventStore): (i: number) => boolean {
  switch (t.kind) {
    case 'text': {
      const needle = t.value.toLowerCase();
      return (i) => s.raw[i].toLowerCase().includes(needle);
    }
    case 'name': {
      // Compare strings, not ids: a name may first appear in a batch that arrives after the filter was set.
      const names = new Set(t.names);
      return (i) => s.name[i] >= 0 && names.has(s.strings[s.name[i]]);
    }
    case 'class': {
      const set = new Set(t.classes);
      return (i) => set.has(s.cls[i]);
    }
    case 'errno': {
      if (t.errnos === 'any') return (i) => s.errno[i] >= 0;
      const names = new Set(t.errnos);
      return (i) => s.errno[i] >= 0 && names.has(s.strings[s.errno[i]]);
    }
    case 'fd':
      return (i) => eventFds(s.name[i] >= 0 ? s.strings[s.name[i]] : '', s.raw[i], s.ret[i]).includes(t.fd);
    case 'path':
      return (i) => {
        const raw = s.raw[i];
        if (!raw.includes(t.value)) return false;
        for (const m of raw.matchAll(QUOTED)) if (m[1].includes(t.value)) return true;
        return /<[^>]*>/.test(raw) && [...raw.matchAll(/<([^>]*)>/g)].some((m) => m[1].includes(t.value));
      };
    case 'pid':
      return (i) => s.tid[i] === t.pid || s.tgid[i] === t.pid;
    case 'src':
      return (i) => s.sourcePath[i] >= 0 && s.strings[s.sourcePath[i]].includes(t.value);
    case 'is':
      if (t.what === 'failed') return (i) => s.errno[i] >= 0;
      if (t.what === 'signal') return (i) => s.type[i] === TYPE_SIGNAL;
      return (i) => s.type[i] === TYPE_EXIT;
  }
}
