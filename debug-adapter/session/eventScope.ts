/**
 * The names a condition, logpoint or Debug Console expression can use, computed lazily from
 * one event of the recording: `name`, `ret`, `errno`, `fd`, `path`, `duration`, `args`… The
 * list of names is also what the parser checks identifiers against, so `ertno == 1` is an
 * error when the breakpoint is set.
 */
import type { TraceEvent, TraceModelView } from '../engine/types';
import { argsOf, argValue, fdOf, pathOf } from './args';
import { compileExpression, format, type Scope, type Value } from './expression';

type Getter = (e: TraceEvent, model: TraceModelView) => Value;

const userFrame = (e: TraceEvent) => e.stack.find((f) => f.user);

const GETTERS: Record<string, Getter> = {
  seq: (e) => e.seq,
  type: (e) => e.type,
  name: (e) => e.name,
  class: (e) => e.class,
  pid: (e) => e.tgid,
  tid: (e) => e.pid,
  ret: (e) => e.ret ?? null,
  errno: (e) => e.errno ?? null,
  errnoMessage: (e) => (e.record.kind === 'syscall' ? e.record.errnoMessage ?? null : null),
  result: (e) => (e.record.kind === 'syscall' ? e.record.resultText ?? null : null),
  failed: (e) => e.errno !== undefined,
  start: (e) => e.start,
  duration: (e) => e.duration,
  args: (e) => argsOf(e).map(argValue),
  argsText: (e) => (e.record.kind === 'syscall' ? e.record.argsText : ''),
  raw: (e) => e.record.raw,
  fd: (e) => fdOf(e),
  path: (e) => pathOf(e),
  signal: (e) => (e.record.kind === 'signal' ? e.record.signal : e.record.kind === 'exit' ? e.record.signal ?? null : null),
  exitCode: (e) => (e.record.kind === 'exit' ? e.record.code ?? null : null),
  runtime: (e) => e.runtime,
  file: (e) => e.source?.path ?? null,
  line: (e) => e.source?.line ?? null,
  function: (e) => userFrame(e)?.function ?? e.stack[0]?.function ?? null,
  program: (e, m) => m.process(e.tgid)?.program ?? null,
};

/** Every name an expression may use. */
export const EVENT_NAMES: ReadonlySet<string> = new Set(Object.keys(GETTERS));

/** A scope over one event; each name is computed at most once. */
export function eventScope(event: TraceEvent, model: TraceModelView): Scope {
  const memo = new Map<string, Value>();
  return {
    get(name) {
      if (memo.has(name)) return memo.get(name) as Value;
      const getter = Object.prototype.hasOwnProperty.call(GETTERS, name) ? GETTERS[name] : undefined;
      const v = getter ? getter(event, model) : null;
      memo.set(name, v);
      return v;
    },
  };
}

/** A Debug Console / watch expression over event `seq`, formatted; throws ExpressionError for a bad one. */
export function evaluateAt(model: TraceModelView, seq: number, expression: string, context?: string): string {
  const value: Value = compileExpression(expression, EVENT_NAMES).evaluate(eventScope(model.event(seq), model));
  // The console shows text as is; a watch shows strings quoted, so "3" and 3 differ.
  return typeof value === 'string' && context !== 'repl' ? JSON.stringify(value) : format(value);
}
