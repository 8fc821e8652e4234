/**
 * The panel's copy of the recording, in columns of typed arrays (one slot per event), fed by
 * the adapter's columnar batches. Strings are interned into one table for the whole
 * recording, so a filter on a syscall name compares integers. Events are also indexed per
 * thread (a "lane"), sorted by start time, which is what lets the renderer cull and merge
 * bars by binary search instead of scanning a million events per frame. No DOM here: the
 * tests drive it in Node.
 */
import type { EventsBatch, EventsBatchBody, ProcessSnapshot } from '../../debug-adapter/protocol';
import { FloatList, IntList } from './int-list';

/** Event type codes, as in protocol.ts EVENT_TYPES. */
export const TYPE_SYSCALL = 0;
export const TYPE_SIGNAL = 1;
export const TYPE_EXIT = 2;

export interface Lane {
  tid: number;
  tgid: number;
  events: IntList;
  /** Start time of each of `events` (same order), so searches read one contiguous array. */
  starts: FloatList;
  /** Failed calls, signals and exits: drawn as markers on top of the bars. */
  marks: IntList;
  /** False once an event arrived out of start order; `sortLane` repairs it before drawing. */
  sorted: boolean;
}

export class EventStore {
  count = 0;
  private capacity = 0;
  seq = new Float64Array(0);
  start = new Float64Array(0);
  duration = new Float64Array(0);
  tid = new Int32Array(0);
  tgid = new Int32Array(0);
  name = new Int32Array(0);
  cls = new Uint8Array(0);
  type = new Uint8Array(0);
  /** Return value; NaN when there was none (e.g. exit_group, signals). */
  ret = new Float64Array(0);
  /** Interned errno name, -1 if the call did not fail. */
  errno = new Int32Array(0);
  sourcePath = new Int32Array(0);
  sourceLine = new Int32Array(0);
  runtime = new Uint8Array(0);
  raw: string[] = [];

  readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  readonly lanes = new Map<number, Lane>();
  readonly processes = new Map<number, ProcessSnapshot>();
  /** Latest end time (start + duration) seen, seconds since run start. */
  endTime = 0;
  /** Incremented on every change; views compare it to know when to recompute. */
  version = 0;
  /** Incremented when everything is replaced (a reset batch): views start over. */
  generation = 0;

  reset(): void {
    this.generation++;
    this.count = 0;
    this.raw = [];
    this.lanes.clear();
    this.processes.clear();
    this.endTime = 0;
    this.version++;
  }

  intern(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  /** The interned id of `s`, or -1 if no event refers to it. */
  stringId(s: string): number {
    return this.stringIds.get(s) ?? -1;
  }

  /** Index of the event with sequence number `seq`, or -1. Sequence numbers only grow. */
  indexOfSeq(seq: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seq[mid] < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.count && this.seq[lo] === seq ? lo : -1;
  }

  /** Appends (or with `reset`, replaces with) a batch; returns the index of its first event. */
  append(body: EventsBatchBody): number {
    if (body.reset) this.reset();
    for (const p of body.processes ?? []) this.processes.set(p.pid, p);
    const b = body.batch;
    checkBatch(b);
    const first = this.count;
    this.ensureCapacity(first + b.count);
    const ids = b.strings.map((s) => this.intern(s));
    let lane: Lane | undefined; // consecutive events often share a thread: skip the map lookup
    for (let k = 0; k < b.count; k++) {
      const i = first + k;
      const s = b.start[k];
      const d = Math.max(0, b.duration[k] || 0);
      const tid = b.pid[k];
      this.seq[i] = b.from + k;
      this.start[i] = s;
      this.duration[i] = d;
      this.tid[i] = tid;
      this.tgid[i] = b.tgid[k];
      this.name[i] = ids[b.name[k]] ?? -1;
      this.cls[i] = b.cls[k];
      this.type[i] = b.type[k];
      const r = b.ret[k];
      this.ret[i] = r === null || r === undefined ? NaN : r;
      this.errno[i] = b.errno[k] >= 0 ? ids[b.errno[k]] ?? -1 : -1;
      this.sourcePath[i] = b.sourcePath[k] >= 0 ? ids[b.sourcePath[k]] ?? -1 : -1;
      this.sourceLine[i] = b.sourceLine[k] || 0;
      this.runtime[i] = b.runtime[k] ? 1 : 0;
      this.raw[i] = b.raw[k] ?? '';
      if (s + d > this.endTime) this.endTime = s + d;
      if (!lane || lane.tid !== tid) lane = this.lanes.get(tid);
      if (!lane) {
        lane = { tid, tgid: b.tgid[k], events: new IntList(256), starts: new FloatList(256), marks: new IntList(16), sorted: true };
        this.lanes.set(tid, lane);
      }
      const n = lane.events.length;
      if (n > 0 && this.start[lane.events.data[n - 1]] > s) lane.sorted = false;
      lane.events.push(i);
      lane.starts.push(s);
      if (this.errno[i] >= 0 || this.type[i] !== TYPE_SYSCALL) lane.marks.push(i);
    }
    this.count = first + b.count;
    this.version++;
    return first;
  }

  /** Restores start order in a lane that received an out-of-order event (rare: clock skew in a log). */
  sortLane(lane: Lane): void {
    if (lane.sorted) return;
    for (const list of [lane.events, lane.marks]) {
      const v = list.view();
      v.set(Array.from(v).sort((a, b) => this.start[a] - this.start[b] || a - b));
    }
    for (let k = 0; k < lane.events.length; k++) lane.starts.data[k] = this.start[lane.events.data[k]];
    lane.sorted = true;
  }

  /** True if event i failed (strace printed an errno). */
  failed(i: number): boolean {
    return this.errno[i] >= 0;
  }

  private ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    let cap = Math.max(1024, this.capacity);
    while (cap < n) cap *= 2;
    this.seq = grow(this.seq, cap);
    this.start = grow(this.start, cap);
    this.duration = grow(this.duration, cap);
    this.tid = grow(this.tid, cap);
    this.tgid = grow(this.tgid, cap);
    this.name = grow(this.name, cap);
    this.cls = grow(this.cls, cap);
    this.type = grow(this.type, cap);
    this.ret = grow(this.ret, cap);
    this.errno = grow(this.errno, cap);
    this.sourcePath = grow(this.sourcePath, cap);
    this.sourceLine = grow(this.sourceLine, cap);
    this.runtime = grow(this.runtime, cap);
    this.capacity = cap;
  }
}

type Typed = Float64Array | Int32Array | Uint8Array;
function grow<T extends Typed>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

const COLUMNS = ['type', 'pid', 'tgid', 'name', 'cls', 'start', 'duration', 'ret', 'errno', 'sourcePath', 'sourceLine', 'runtime', 'raw'] as const;

/** Rejects a malformed batch with a message that names the column, instead of drawing garbage. */
function checkBatch(b: EventsBatch): void {
  if (!b || typeof b.count !== 'number' || !Array.isArray(b.strings)) {
    throw new Error('syscallLens.events: batch needs count, strings and the event columns (see debug-adapter/protocol.ts EventsBatch)');
  }
  for (const c of COLUMNS) {
    const col = b[c] as ArrayLike<unknown> | undefined;
    if (!col || col.length < b.count) {
      throw new Error(`syscallLens.events: column "${c}" has ${col ? col.length : 'no'} entries, batch count is ${b.count}`);
    }
  }
}
