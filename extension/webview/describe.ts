/**
 * One event as text for people: the line strace printed, its result, duration, thread and
 * source line. Used by the hover card, the keyboard focus line and the table, so all three
 * say the same thing. Returns plain strings; callers put them in the page with textContent.
 */
import { formatDuration, formatResult } from './format';
import type { EventStore } from './store';
import { TYPE_EXIT, TYPE_SIGNAL } from './store';

export interface EventText {
  name: string;
  raw: string;
  result: string;
  duration: string;
  time: string;
  thread: string;
  source: string;
  kind: 'syscall' | 'signal' | 'exit';
}

export function describeEvent(s: EventStore, i: number): EventText {
  const name = s.name[i] >= 0 ? s.strings[s.name[i]] : '?';
  const errno = s.errno[i] >= 0 ? s.strings[s.errno[i]] : null;
  const path = s.sourcePath[i] >= 0 ? s.strings[s.sourcePath[i]] : '';
  const tid = s.tid[i];
  const tgid = s.tgid[i];
  return {
    name,
    raw: s.raw[i],
    result: formatResult(s.ret[i], errno),
    duration: s.type[i] === 0 ? formatDuration(s.duration[i]) : '',
    time: `${s.start[i].toFixed(6)} s`,
    thread: tid === tgid ? `process ${tgid}` : `thread ${tid} of process ${tgid}`,
    source: path ? `${path}:${s.sourceLine[i]}` : '',
    kind: s.type[i] === TYPE_SIGNAL ? 'signal' : s.type[i] === TYPE_EXIT ? 'exit' : 'syscall',
  };
}

/** One line for screen readers and the status area. */
export function describeLine(s: EventStore, i: number): string {
  const d = describeEvent(s, i);
  // The raw line already ends with strace's "= result", so it is not repeated.
  const parts = [`#${s.seq[i]}`, d.raw, d.duration && `took ${d.duration}`, d.thread, d.source && `at ${d.source}`];
  return parts.filter(Boolean).join(' · ');
}
