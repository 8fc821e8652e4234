/**
 * The words of the editor annotations, with no `vscode` import so they are unit-tested in plain
 * Node: the end-of-line summary of a source line's syscalls ("openat · write ×3 · close"), and
 * the hover's Markdown listing each call with its result and duration. Everything in a trace is
 * hostile text: the hover puts it inside a code fence longer than any backtick run it contains,
 * so no Markdown, link or HTML in a path or a program's output is ever interpreted.
 */
import type { EventSummary } from './recording';

/** At most this many names at the end of a line; the rest become "+N more". */
const MAX_NAMES = 6;
/** At most this many calls in a hover. */
const MAX_HOVER_CALLS = 30;
/** Longest raw strace line shown in a hover. */
const MAX_RAW = 120;

/** "openat · write ×3 · close": names in order of first call, with counts. */
export function lineSummary(events: readonly Pick<EventSummary, 'name'>[]): string {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
  const parts = [...counts].slice(0, MAX_NAMES).map(([name, n]) => (n > 1 ? `${name} ×${n}` : name));
  if (counts.size > MAX_NAMES) parts.push(`+${counts.size - MAX_NAMES} more`);
  return parts.join(' · ');
}

/** "3", "-1 ENOENT", "?" */
export function resultText(e: Pick<EventSummary, 'ret' | 'errno' | 'type'>): string {
  if (e.type !== 'syscall') return '';
  if (e.errno) return `${e.ret ?? -1} ${e.errno}`;
  return e.ret === null ? '?' : String(e.ret);
}

/** Seconds as "12 µs", "3.4 ms", "1.25 s". */
export function durationText(seconds: number): string {
  if (!seconds || seconds < 0) return '';
  if (seconds < 1e-3) return `${Math.round(seconds * 1e6)} µs`;
  if (seconds < 1) return `${(seconds * 1e3).toFixed(seconds < 0.01 ? 2 : 1)} ms`;
  return `${seconds.toFixed(2)} s`;
}

/** A plain-text table of the calls, one per line: `#seq [pid] call(args…) = result <duration>`. */
export function hoverRows(events: readonly EventSummary[], total = events.length): string[] {
  const shown = events.slice(0, MAX_HOVER_CALLS);
  const rows = shown.map((e) => {
    const { call, result } = splitRaw(e.raw || e.name);
    const clipped = call.length > MAX_RAW ? `${call.slice(0, MAX_RAW - 1)}…` : call;
    const shownResult = result || resultText(e);
    const duration = durationText(e.duration);
    return `#${e.seq} [${e.pid}] ${clipped}${shownResult ? ` = ${shownResult}` : ''}${duration ? `  <${duration}>` : ''}`;
  });
  if (total > shown.length) rows.push(`… and ${total - shown.length} more calls`);
  return rows;
}

/**
 * The first line strace printed, without the pid/time prefix and the -T suffix, split into
 * the call and its result text ("-1 ENOENT (No such file or directory)").
 */
export function splitRaw(raw: string): { call: string; result: string } {
  let line = oneLine(raw.split('\n')[0] ?? '');
  line = line.replace(/^\[pid\s+\d+\]\s*/, '').replace(/^\d+\s+(?=\S)/, '');
  line = line.replace(/^(?:\d{2}:\d{2}:\d{2}(?:\.\d+)?|\d+\.\d+)\s+/, '');
  line = line.replace(/\s*<\d+\.\d+>\s*$/, '');
  const eq = line.lastIndexOf(') = ');
  if (eq < 0) return { call: line, result: '' };
  return { call: line.slice(0, eq + 1), result: line.slice(eq + 4).trim() };
}

/** Markdown for the hover: a heading in our words, then the calls in a safe code fence. */
export function hoverMarkdown(events: readonly EventSummary[], total = events.length): string {
  const failed = events.filter((e) => e.errno).length;
  const heading = `**Syscall Lens** — ${total} call${total === 1 ? '' : 's'} from this line${failed ? `, ${failed} failed` : ''}`;
  return `${heading}\n\n${codeFence(hoverRows(events, total).join('\n'), 'strace')}`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function codeFence(text: string, language = ''): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

/** Control characters (newlines, escapes) become visible escapes on one line. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
