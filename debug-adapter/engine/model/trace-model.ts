/**
 * Skeleton TraceModel: events in order, unsymbolized. Replaced by the indexed model.
 */
import type { StraceRecord } from 'strace-parser';
import type { FdEntry, ProcessInfo, TraceEvent, TraceModelView } from '../types';

export class TraceModel implements TraceModelView {
  private readonly events: TraceEvent[] = [];
  private isEnded = false;
  private readonly appendListeners = new Set<(from: number, to: number) => void>();
  private readonly endListeners = new Set<() => void>();
  private firstTime: number | undefined;

  get length(): number { return this.events.length; }
  get ended(): boolean { return this.isEnded; }
  event(seq: number): TraceEvent {
    const e = this.events[seq];
    if (!e) throw new RangeError(`no event ${seq} (the recording has ${this.events.length})`);
    return e;
  }
  appendRecords(records: StraceRecord[]): void {
    const from = this.events.length;
    for (const record of records) {
      if (record.kind !== 'syscall' && record.kind !== 'signal' && record.kind !== 'exit') continue;
      const time = record.kind === 'syscall' ? (record.start ?? record.time) : record.time;
      if (this.firstTime === undefined && time !== undefined) this.firstTime = time;
      const pid = record.pid ?? 0;
      this.events.push({
        seq: this.events.length, type: record.kind, pid, tgid: pid,
        name: record.kind === 'syscall' ? record.name : record.kind === 'signal' ? record.signal : 'exit',
        class: 'other', start: time !== undefined && this.firstTime !== undefined ? time - this.firstTime : 0,
        duration: record.kind === 'syscall' ? (record.duration ?? 0) : 0,
        ret: record.kind === 'syscall' ? record.ret : undefined,
        errno: record.kind === 'syscall' ? record.errno : undefined,
        source: null, runtime: false, stack: [], record,
      });
    }
    const to = this.events.length;
    if (to > from) for (const l of this.appendListeners) l(from, to);
  }
  end(): void {
    if (this.isEnded) return;
    this.isEnded = true;
    for (const l of this.endListeners) l();
  }
  threads(): number[] { return [...new Set(this.events.map((e) => e.pid))]; }
  threadEvents(tid: number): readonly number[] { return this.events.filter((e) => e.pid === tid).map((e) => e.seq); }
  eventsAtLine(_path: string, _line: number): readonly number[] { return []; }
  linesOf(_path: string): ReadonlyMap<number, readonly number[]> { return new Map(); }
  seqAtTime(t: number): number {
    const i = this.events.findIndex((e) => e.start >= t);
    return i < 0 ? this.events.length : i;
  }
  processes(): ProcessInfo[] { return []; }
  process(_pid: number): ProcessInfo | undefined { return undefined; }
  fdTableAt(_seq: number): FdEntry[] { return []; }
  onAppend(listener: (from: number, to: number) => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }
  onEnd(listener: () => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }
}
