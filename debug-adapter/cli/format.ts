/**
 * How the CLI shows one event: as a JSON object (one per line with `--json`) or as a line of
 * the readable timeline — time, pid, the call with its result, and `file:line` with the
 * source text. Colours are ANSI codes added only when the output is a terminal. Text from the
 * traced program (arguments, paths) is printed as text; control characters are escaped so a
 * hostile string cannot drive the terminal.
 */
import { relative } from 'node:path';
import type { TraceEvent } from '../engine/types';

export interface JsonEvent {
  seq: number;
  pid: number;
  tgid: number;
  type: TraceEvent['type'];
  name: string;
  class: TraceEvent['class'];
  args: string;
  result: string | null;
  ret: number | null;
  errno: string | null;
  start: number;
  duration: number;
  source: { path: string; line: number } | null;
  runtime: boolean;
  stack: { module: string; function: string | null; file: string | null; line: number | null; offset: number; user: boolean }[];
}

export function toJsonEvent(e: TraceEvent): JsonEvent {
  const r = e.record;
  const args = r.kind === 'syscall' ? r.argsText : r.kind === 'signal' ? (r.infoText ?? '') : '';
  const result = r.kind === 'syscall' ? (r.resultText ?? null) : r.kind === 'exit' ? exitText(e) : null;
  const ret = e.ret ?? (r.kind === 'exit' && r.code !== undefined ? r.code : undefined);
  return {
    seq: e.seq,
    pid: e.pid,
    tgid: e.tgid,
    type: e.type,
    name: e.name,
    class: e.class,
    args,
    result,
    ret: ret ?? null,
    errno: e.errno ?? null,
    start: e.start,
    duration: e.duration,
    source: e.source ? { path: e.source.path, line: e.source.line } : null,
    runtime: e.runtime,
    stack: e.stack.map((f) => ({
      module: f.module,
      function: f.function ?? null,
      file: f.file ?? null,
      line: f.line ?? null,
      offset: f.offset,
      user: f.user,
    })),
  };
}

function exitText(e: TraceEvent): string {
  const r = e.record;
  if (r.kind !== 'exit') return '';
  if (r.how === 'exited') return `exited with ${r.code ?? '?'}`;
  if (r.how === 'killed') return `killed by ${r.signal ?? '?'}${r.coreDumped ? ' (core dumped)' : ''}`;
  if (r.how === 'superseded') return `superseded by execve in pid ${r.byPid ?? '?'}`;
  return 'detached';
}

/** Escapes C0/C1 control characters (ESC included) so terminal sequences in traced data are shown, not obeyed. */
export function safeText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).replace(/\n/g, '\\n');
}

const ANSI = { dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', blue: '\x1b[34m', magenta: '\x1b[35m', cyan: '\x1b[36m', bold: '\x1b[1m', reset: '\x1b[0m' };
const CLASS_COLOUR: Record<TraceEvent['class'], string> = {
  file: ANSI.blue, network: ANSI.magenta, process: ANSI.yellow, memory: ANSI.dim, signal: ANSI.red, ipc: ANSI.green, other: '',
};

export interface TextStyle {
  colour: boolean;
  /** Source paths are shown relative to this folder when under it. */
  cwd: string;
  /** The text of a source line, when the file can be read. */
  sourceLine(path: string, line: number): string | undefined;
  /** Longest argument text before it is shortened with `…`. */
  maxArgs?: number;
}

export function toTextLine(e: TraceEvent, style: TextStyle): string {
  const paint = (code: string, text: string) => (style.colour && code ? `${code}${text}${ANSI.reset}` : text);
  const time = e.start.toFixed(6).padStart(11);
  const pid = String(e.pid).padStart(7);
  const r = e.record;
  let call: string;
  if (r.kind === 'syscall') {
    const max = style.maxArgs ?? 160;
    const args = r.argsText.length > max ? `${r.argsText.slice(0, max)}…` : r.argsText;
    const result = safeText(r.resultText ?? '?');
    call = `${paint(CLASS_COLOUR[e.class] + ANSI.bold, r.name)}(${safeText(args)}) = ${e.errno ? paint(ANSI.red, result) : result}`;
    if (e.duration > 0) call += paint(ANSI.dim, ` <${e.duration.toFixed(6)}>`);
  } else if (r.kind === 'signal') {
    call = paint(ANSI.red, `--- ${r.signal}${r.infoText ? ` {${safeText(r.infoText)}}` : ''} ---`);
  } else {
    call = paint(ANSI.yellow, `+++ ${exitText(e)} +++`);
  }
  let where = '';
  if (e.source) {
    const rel = relative(style.cwd, e.source.path);
    const shown = rel && !rel.startsWith('..') ? rel : e.source.path;
    const text = style.sourceLine(e.source.path, e.source.line)?.trim();
    where = `  ${paint(ANSI.cyan, `${shown}:${e.source.line}`)}${text ? `  ${paint(ANSI.dim, safeText(text))}` : ''}`;
  } else if (e.runtime) {
    where = `  ${paint(ANSI.dim, '(runtime)')}`;
  }
  return `${paint(ANSI.dim, time)} ${pid}  ${call}${where}`;
}
