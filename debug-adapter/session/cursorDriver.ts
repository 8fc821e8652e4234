/**
 * Moves the session's cursor through the recording. Every move (stop on entry, step, step
 * back, continue, reverse continue) is a Search; the driver runs it, and when a forward search
 * reaches the end of a live recording it parks it and resumes it as events are appended — that
 * is "running" from the user's point of view. Pause abandons the parked search and stops at the
 * newest event. Breakpoint hits, logpoints and exception filters are decided here, per event
 * the search passes, so stepping and continuing share one notion of "a breakpoint is hit".
 */
import type { TraceModelView } from '../engine/types';
import type { BreakpointSet, ExceptionHit } from './breakpoints';
import { createStepSearch, type Direction, type Search, type StepKind } from './navigator';
import { createScanSearch } from './scanSearch';

export type StopReason = 'entry' | 'step' | 'breakpoint' | 'function breakpoint' | 'exception' | 'goto' | 'pause';

export interface Stop {
  seq: number;
  reason: StopReason;
  breakpointIds?: number[];
  exception?: ExceptionHit;
}

export interface DriverEvents {
  stopped(stop: Stop): void;
  /** A forward move ran off the end of a finished recording. */
  ended(): void;
  /** Logpoint output for event `seq`. */
  log(text: string, seq: number): void;
}

export class CursorDriver {
  cursor = -1;
  private parked: { search: Search; reason: StopReason; onExhausted: () => void } | undefined;
  private lastHit: Stop | undefined;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly model: TraceModelView,
    private readonly breakpoints: BreakpointSet,
    private readonly justMyCode: boolean,
    private readonly events: DriverEvents,
  ) {
    this.unsubscribe.push(model.onAppend(() => this.resume()), model.onEnd(() => this.resume()));
  }

  get running(): boolean {
    return this.parked !== undefined;
  }

  /** Stop at the first event attributed to the user's code (or an earlier breakpoint); with `stopOnEntry` false, run to the first breakpoint. */
  start(stopOnEntry: boolean): void {
    const search = createScanSearch(this.model, -1, 1, (seq) => this.hits(seq) || (stopOnEntry && this.model.event(seq).source !== null));
    // Nothing attributed to user code (no debug info?): stop at the very first event instead.
    this.run(search, 'entry', () => (stopOnEntry && this.model.length > 0 ? this.stopAt(0, 'entry') : this.events.ended()));
  }

  step(kind: StepKind, dir: Direction, tid: number): void {
    const search = createStepSearch(this.model, {
      kind, dir, tid, fromSeq: this.cursor, justMyCode: this.justMyCode,
      interrupt: (seq) => this.hits(seq),
    });
    // Backwards there is nothing before the first event: stay (a stop, so the UI settles).
    this.run(search, 'step', () => (dir === 1 ? this.events.ended() : this.stopAt(Math.max(this.cursor, 0), 'step')));
  }

  continue(dir: Direction): void {
    const search = createScanSearch(this.model, this.cursor, dir, (seq) => this.hits(seq));
    this.run(search, 'breakpoint', () => (dir === 1 ? this.events.ended() : this.stopAt(0, 'entry')));
  }

  goto(seq: number): void {
    this.parked = undefined;
    this.stopAt(seq, 'goto');
  }

  pause(): void {
    if (!this.parked) return;
    this.parked = undefined;
    if (this.model.length > 0) this.stopAt(this.model.length - 1, 'pause');
  }

  dispose(): void {
    this.parked = undefined;
    for (const u of this.unsubscribe) u();
  }

  private stopAt(seq: number, reason: StopReason): void {
    this.cursor = seq;
    this.events.stopped({ seq, reason });
  }

  private run(search: Search, reason: StopReason, onExhausted: () => void): void {
    this.parked = { search, reason, onExhausted };
    this.resume();
  }

  private resume(): void {
    const parked = this.parked;
    if (!parked) return;
    this.lastHit = undefined;
    const result = parked.search.advance();
    if (result === 'need-more') return;
    this.parked = undefined;
    if (result === 'exhausted') { parked.onExhausted(); return; }
    this.cursor = result;
    const hit = this.lastHit as Stop | undefined; // set by hits() during advance()
    this.events.stopped(hit?.seq === result ? hit : { seq: result, reason: parked.reason });
  }

  /** Decide an event: logpoints print, breakpoints and exception filters stop (remembered in lastHit). */
  private hits(seq: number): boolean {
    const v = this.breakpoints.check(seq);
    for (const text of v.logs) this.events.log(text, seq);
    if (v.stopIds.length) {
      const fn = v.stopIds.every((id) => this.breakpoints.isFunctionBreakpoint(id));
      this.lastHit = { seq, reason: fn ? 'function breakpoint' : 'breakpoint', breakpointIds: v.stopIds };
      return true;
    }
    if (v.exception) {
      this.lastHit = { seq, reason: 'exception', exception: v.exception };
      return true;
    }
    return false;
  }
}
