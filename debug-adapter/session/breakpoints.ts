/**
 * The breakpoints of a session and the one question stepping asks of them: does this event of
 * the recording stop the cursor, print a logpoint, or raise an exception filter? Line
 * breakpoints match a syscall with that line in any frame of its stack; function breakpoints
 * match syscall names and strace classes (`openat`, `%network`); each may carry a condition,
 * a hit count and a log message in our own expression language. Exception filters stop on
 * failed syscalls (optionally only some errnos), signals and process exits.
 */
import * as path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { TraceEvent, TraceModelView } from '../engine/types';
import { compileExpression, compileLogMessage, ExpressionError, type CompiledExpression, type CompiledLogMessage } from './expression';
import { EVENT_NAMES, eventScope } from './eventScope';
import { HitCounter, parseHitCondition, type HitCondition } from './hitCondition';
import { classesOfSyscall, isKnownClass, isKnownSyscall, knownClasses } from './syscallClasses';

interface Rule {
  id: number;
  describe: string;
  matchesPlace(e: TraceEvent): boolean;
  condition?: CompiledExpression;
  hit?: { test: HitCondition; counter: HitCounter };
  log?: CompiledLogMessage;
}

export interface ExceptionHit { filter: string; id: string; description: string }

export interface BreakpointVerdict {
  /** Breakpoint ids that stop here (hit count and condition satisfied, not a logpoint). */
  stopIds: number[];
  /** Rendered logpoint messages. */
  logs: string[];
  exception?: ExceptionHit;
}

export const EXCEPTION_FILTERS: DebugProtocol.ExceptionBreakpointsFilter[] = [
  { filter: 'failedSyscalls', label: 'Failed syscalls', description: 'Stop when a syscall made by your code fails.', supportsCondition: true, conditionDescription: 'Only these errnos, e.g. ENOENT, EACCES' },
  { filter: 'signals', label: 'Signals', description: 'Stop when a signal is delivered.', supportsCondition: true, conditionDescription: 'Only these signals, e.g. SIGSEGV, SIGPIPE' },
  { filter: 'processExits', label: 'Process exits', description: 'Stop when a traced process exits or is killed.' },
];

let nextId = 1;

export class BreakpointSet {
  private lineRules = new Map<string, Rule[]>();
  private functionRules: Rule[] = [];
  private exceptionFilters = new Map<string, Set<string> | null>();

  constructor(private readonly model: () => TraceModelView | undefined, private readonly justMyCode: () => boolean) {}

  setLineBreakpoints(file: string, bps: DebugProtocol.SourceBreakpoint[]): DebugProtocol.Breakpoint[] {
    const key = path.resolve(file);
    const rules: Rule[] = [];
    const out = bps.map((bp) => {
      const matchesPlace = (e: TraceEvent) =>
        (e.source?.line === bp.line && e.source.path === key) || e.stack.some((f) => f.line === bp.line && f.file === key);
      const candidates = (from: number, to: number) => {
        const seqs = this.model()?.eventsAtLine(key, bp.line) ?? [];
        return seqs.filter((s) => s >= from && s < to);
      };
      return this.makeRule(`line ${path.basename(key)}:${bp.line}`, matchesPlace, candidates, bp, rules, { line: bp.line, source: { path: file } });
    });
    this.lineRules.set(key, rules);
    return out;
  }

  setFunctionBreakpoints(bps: DebugProtocol.FunctionBreakpoint[]): DebugProtocol.Breakpoint[] {
    const rules: Rule[] = [];
    const out = bps.map((bp) => {
      const spec = bp.name.trim();
      if (spec.startsWith('%') && !isKnownClass(spec)) {
        return { verified: false, message: `Unknown syscall class '${spec}': use one of ${knownClasses().join(', ')}` };
      }
      if (!spec.startsWith('%') && /^[a-z_][a-z0-9_]*$/.test(spec) && !isKnownSyscall(spec)) {
        return { verified: false, message: `Unknown syscall '${spec}': write a Linux x86_64 syscall name such as openat, or a class such as %file` };
      }
      if (!/^%?[a-z_][a-z0-9_]*$/i.test(spec)) {
        return { verified: false, message: `'${spec}' is not a syscall name or class: write e.g. openat, write or %network` };
      }
      const matchesPlace = spec.startsWith('%')
        ? (e: TraceEvent) => e.type === 'syscall' && classesOfSyscall(e.name).has(spec)
        : (e: TraceEvent) => e.type === 'syscall' && e.name === spec;
      const candidates = (from: number, to: number) => this.scan(from, to, matchesPlace);
      return this.makeRule(`function ${spec}`, matchesPlace, candidates, bp, rules, {});
    });
    this.functionRules = rules;
    return out;
  }

  setExceptionFilters(filters: string[], options: DebugProtocol.ExceptionFilterOptions[] = []): DebugProtocol.Breakpoint[] {
    this.exceptionFilters.clear();
    const all = [...filters.map((filterId) => ({ filterId, condition: undefined as string | undefined })), ...options];
    return all.map(({ filterId, condition }) => {
      const known = EXCEPTION_FILTERS.some((f) => f.filter === filterId);
      if (!known) return { verified: false, message: `Unknown exception filter '${filterId}'` };
      const names = condition?.split(/[\s,|]+/).filter(Boolean).map((s) => s.toUpperCase());
      this.exceptionFilters.set(filterId, names && names.length ? new Set(names) : null);
      return { verified: true };
    });
  }

  isFunctionBreakpoint(id: number): boolean {
    return this.functionRules.some((r) => r.id === id);
  }

  /** What event `seq` does: stop, log, raise. Cheap when nothing matches (no allocation per event). */
  check(seq: number): BreakpointVerdict {
    const model = this.model();
    const verdict: BreakpointVerdict = { stopIds: [], logs: [] };
    if (!model) return verdict;
    const e = model.event(seq);
    const rules = this.matchingRules(e);
    if (rules) {
      const scope = eventScope(e, model);
      for (const rule of rules) {
        if (rule.condition && !rule.condition.test(scope).ok) continue;
        if (rule.hit && !rule.hit.test(rule.hit.counter.ordinal(seq))) continue;
        if (rule.log) verdict.logs.push(rule.log.render(scope));
        else verdict.stopIds.push(rule.id);
      }
    }
    if (this.exceptionFilters.size) verdict.exception = this.exceptionAt(e);
    return verdict;
  }

  /** Rules whose place (line in any frame, syscall name or class) matches; undefined when none. */
  private matchingRules(e: TraceEvent): Rule[] | undefined {
    let out: Rule[] | undefined;
    const consider = (rules: Rule[] | undefined): void => {
      if (!rules) return;
      for (const r of rules) if ((!out || !out.includes(r)) && r.matchesPlace(e)) (out ??= []).push(r);
    };
    if (this.lineRules.size) {
      if (e.source) consider(this.lineRules.get(e.source.path));
      for (const f of e.stack) if (f.file) consider(this.lineRules.get(f.file));
    }
    if (this.functionRules.length && e.type === 'syscall') consider(this.functionRules);
    return out;
  }

  private exceptionAt(e: TraceEvent): ExceptionHit | undefined {
    const only = (filter: string, id: string): boolean => {
      const names = this.exceptionFilters.get(filter);
      return names === null || (names !== undefined && names.has(id));
    };
    if (e.type === 'syscall' && e.errno && !e.errno.startsWith('ERESTART') && (!this.justMyCode() || e.source)) {
      if (only('failedSyscalls', e.errno)) {
        const message = e.record.kind === 'syscall' && e.record.errnoMessage ? ` (${e.record.errnoMessage})` : '';
        return { filter: 'failedSyscalls', id: e.errno, description: `${e.name} failed: ${e.errno}${message}` };
      }
    }
    if (e.type === 'signal' && e.record.kind === 'signal' && !e.record.stopped && only('signals', e.name)) {
      return { filter: 'signals', id: e.name, description: `Signal ${e.name} delivered to ${e.pid}` };
    }
    if (e.type === 'exit' && e.record.kind === 'exit' && e.record.how !== 'superseded' && only('processExits', 'EXIT')) {
      const how = e.record.how === 'killed' ? `killed by ${e.record.signal ?? 'a signal'}` : `exited with ${e.record.code ?? '?'}`;
      return { filter: 'processExits', id: e.record.how === 'killed' ? e.record.signal ?? 'killed' : `exit ${e.record.code ?? ''}`.trim(), description: `Process ${e.pid} ${how}` };
    }
    return undefined;
  }

  private *scan(from: number, to: number, match: (e: TraceEvent) => boolean): Iterable<number> {
    const model = this.model();
    if (!model) return;
    for (let s = from; s < Math.min(to, model.length); s++) if (match(model.event(s))) yield s;
  }

  private makeRule(
    describe: string,
    matchesPlace: (e: TraceEvent) => boolean,
    places: (from: number, to: number) => Iterable<number>,
    bp: { condition?: string; hitCondition?: string; logMessage?: string },
    into: Rule[],
    extra: Partial<DebugProtocol.Breakpoint>,
  ): DebugProtocol.Breakpoint {
    const id = nextId++;
    try {
      const rule: Rule = { id, describe, matchesPlace };
      if (bp.condition?.trim()) rule.condition = compileExpression(bp.condition, EVENT_NAMES);
      if (bp.logMessage !== undefined && bp.logMessage !== '') rule.log = compileLogMessage(bp.logMessage, EVENT_NAMES);
      if (bp.hitCondition?.trim()) {
        const condition = rule.condition;
        const model = this.model;
        // Hits count only events where the condition also holds, as in other debuggers.
        const counted = function* (from: number, to: number): Iterable<number> {
          const m = model();
          for (const s of places(from, to)) if (!condition || (m && condition.test(eventScope(m.event(s), m)).ok)) yield s;
        };
        rule.hit = { test: parseHitCondition(bp.hitCondition), counter: new HitCounter(counted) };
      }
      into.push(rule);
      return { id, verified: true, ...extra };
    } catch (e) {
      if (e instanceof ExpressionError) return { id, verified: false, message: e.message, ...extra };
      throw e;
    }
  }
}
