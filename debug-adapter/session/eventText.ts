/**
 * One event as a short line of text for stop descriptions and goto-target labels:
 * `openat(AT_FDCWD, "notes.txt", O_RDONLY) = 3`, without strace's pid and time prefix, cut
 * to a readable length. Plain text: the UI shows it as text, never as markup.
 */
import type { TraceEvent } from '../engine/types';

const MAX = 160;

const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n)}…` : s);

export function describeEvent(e: TraceEvent): string {
  const r = e.record;
  if (r.kind === 'syscall') return `${e.name}(${cut(r.argsText, MAX)}) = ${r.resultText ?? '?'}`;
  if (r.kind === 'signal') return `--- ${r.signal}${r.infoText ? ` {${cut(r.infoText, MAX)}}` : ''} ---`;
  if (r.kind === 'exit') return r.how === 'killed' ? `+++ killed by ${r.signal ?? '?'} +++` : r.how === 'exited' ? `+++ exited with ${r.code ?? '?'} +++` : `+++ ${r.how} +++`;
  return cut(r.raw, MAX);
}
