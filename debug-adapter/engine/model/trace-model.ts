/**
 * The recording as the debugger and the timeline read it (`TraceModelView`): events in the
 * order strace completed them, with indexes by thread, by source line and by time, the process
 * tree, and each process's fd table over time. The Recorder appends events once they are
 * symbolized; listeners hear of each appended range once, and events never change afterwards.
 */
import type { StraceRecord } from 'strace-parser';
import { classifySyscall } from '../classify';
import type { FdEntry, ProcessInfo, ResolvedFrame, SourceLocation, TraceEvent, TraceModelView } from '../types';
import { GrowableFloat64, GrowableInt32 } from './growable';
import { LineIndex } from './line-index';
import { ProcessTree } from './process-tree';

/** A record ready to become an event: its frames are resolved and attributed. */
export interface AttributedRecord {
  record: StraceRecord & { kind: 'syscall' | 'signal' | 'exit' };
  stack: ResolvedFrame[];
  source: SourceLocation | null;
  runtime: boolean;
}

export interface TraceModelOptions {
  /** Pid for records without one (a single process traced without -f). */
  defaultPid?: number;
  /** Where to report a record whose effects could not be applied (the event is kept). */
  log?: (line: string) => void;
}

export class TraceModel implements TraceModelView {
  private readonly events: TraceEvent[] = [];
  private readonly tree = new ProcessTree();
  private readonly lineIndex = new LineIndex();
  private readonly byThread = new Map<number, number[]>();
  /** Running maximum of start times, so a binary search works though merged calls start earlier. */
  private readonly startMax = new GrowableFloat64();
  /** Which fd table each event's process used, just after the event. */
  private readonly tableOfEvent = new GrowableInt32();
  private readonly appendListeners = new Set<(from: number, to: number) => void>();
  private readonly endListeners = new Set<() => void>();
  private firstTime: number | undefined;
  private lastStart = 0;
  private isEnded = false;
  /** Events up to here have been announced to listeners. */
  private announced = 0;
  private readonly defaultPid: number;
  private readonly log: ((line: string) => void) | undefined;

  constructor(options: TraceModelOptions = {}) {
    this.defaultPid = options.defaultPid ?? 0;
    this.log = options.log;
  }

  get length(): number { return this.events.length; }
  get ended(): boolean { return this.isEnded; }

  /** Whether an event of `tid` can be placed now (its process is known or announced). */
  knowsThread(tid: number): boolean { return this.events.length === 0 || this.tree.knows(tid); }

  /** Look-ahead for clone results whose child speaks first. */
  announce(record: StraceRecord): void {
    if (record.kind === 'syscall') this.tree.announce(record);
  }

  append(items: readonly AttributedRecord[]): void {
    for (const item of items) this.add(item);
    this.announceAppended();
  }

  /** Adds one event without telling listeners yet; `announceAppended` tells them in one range. */
  add({ record, stack, source, runtime }: AttributedRecord): void {
    const seq = this.events.length;
    const tid = record.pid ?? this.defaultPid;
    const tgid = this.tree.enter(tid, seq);
    try {
      if (record.kind === 'syscall') this.tree.applySyscall(tid, record, seq);
      else if (record.kind === 'exit') this.tree.applyExit(tid, record);
    } catch (error) {
      // Odd input must not lose the event or stop the recording; the fd table may miss one change.
      this.log?.(`model: could not apply line ${record.lines[0] ?? '?'} (${(error as Error).message})`);
    }
    const event: TraceEvent = {
      seq,
      type: record.kind,
      pid: tid,
      tgid,
      name: record.kind === 'syscall' ? record.name : record.kind === 'signal' ? record.signal : 'exit',
      class: record.kind === 'syscall' ? classifySyscall(record.name) : record.kind === 'signal' ? 'signal' : 'process',
      start: this.startOf(record),
      duration: record.kind === 'syscall' ? record.duration ?? 0 : 0,
      ret: record.kind === 'syscall' ? record.ret : undefined,
      errno: record.kind === 'syscall' ? record.errno : undefined,
      source,
      runtime,
      stack,
      record,
    };
    this.events.push(event);
    let seqs = this.byThread.get(tid);
    if (!seqs) this.byThread.set(tid, (seqs = []));
    seqs.push(seq);
    this.lineIndex.add(seq, stack);
    const previousMax = seq > 0 ? this.startMax.get(seq - 1) : -Infinity;
    this.startMax.push(Math.max(previousMax, event.start));
    this.tableOfEvent.push(this.tree.tableOf(tid)?.id ?? 0);
  }

  /** Tells listeners about every event added since the last call. */
  announceAppended(): void {
    const from = this.announced;
    const to = this.events.length;
    this.announced = to;
    if (to > from) for (const listener of [...this.appendListeners]) listener(from, to);
  }

  end(): void {
    if (this.isEnded) return;
    this.isEnded = true;
    for (const listener of [...this.endListeners]) listener();
  }

  event(seq: number): TraceEvent {
    const e = this.events[seq];
    if (!e) throw new RangeError(`no event ${seq}: the recording has ${this.events.length}`);
    return e;
  }

  threads(): number[] { return [...this.byThread.keys()]; }
  threadEvents(tid: number): readonly number[] { return this.byThread.get(tid) ?? []; }
  eventsAtLine(path: string, line: number): readonly number[] { return this.lineIndex.eventsAt(path, line); }
  linesOf(path: string): ReadonlyMap<number, readonly number[]> { return this.lineIndex.linesOf(path); }

  seqAtTime(t: number): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.startMax.get(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  processes(): ProcessInfo[] { return this.tree.processes(); }
  process(pid: number): ProcessInfo | undefined { return this.tree.process(pid); }

  fdTableAt(seq: number): FdEntry[] {
    if (seq < 0 || seq >= this.events.length) return [];
    return this.tree.table(this.tableOfEvent.get(seq)).at(seq);
  }

  onAppend(listener: (from: number, to: number) => void): () => void {
    this.appendListeners.add(listener);
    return () => { this.appendListeners.delete(listener); };
  }

  onEnd(listener: () => void): () => void {
    this.endListeners.add(listener);
    return () => { this.endListeners.delete(listener); };
  }


  /** Seconds since the first event; records without a time take the previous event's. */
  private startOf(record: StraceRecord): number {
    const time = record.kind === 'syscall' ? record.start ?? record.time : record.time;
    if (time === undefined) return this.lastStart;
    this.firstTime ??= time;
    this.lastStart = Math.max(0, time - this.firstTime);
    return this.lastStart;
  }
}
