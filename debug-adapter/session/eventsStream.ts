/**
 * Streams the recording to the extension as `syscallLens.events` batches: columnar arrays with
 * interned strings, flushed on a short timer or when enough events are waiting, and cut into
 * chunks so that a million events become a few hundred messages, each sent on its own turn of
 * the event loop so DAP replies are not stuck behind them. `resend()` answers
 * `syscallLens.requestEvents` with the whole recording, its first batch marked `reset`.
 */
import type { TraceModelView } from '../engine/types';
import { EVENT_TYPES, SYSCALL_CLASSES, type EventsBatch, type EventsBatchBody, type ProcessSnapshot } from '../protocol';

const FLUSH_DELAY_MS = 100;
const FLUSH_AT_EVENTS = 5000;
const MAX_BATCH = 10000;
const MAX_RAW = 2048;

/** strace's own line(s) of an event without its `-k` frame lines: the stack travels by stackTrace, not in every batch. */
function withoutFrames(raw: string): string {
  if (!raw.includes('\n > ')) return raw;
  return raw.split('\n').filter((line) => !line.startsWith(' > ')).join('\n');
}

export function buildBatch(model: TraceModelView, from: number, to: number): EventsBatch {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const intern = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) { i = strings.length; strings.push(s); index.set(s, i); }
    return i;
  };
  const b: EventsBatch = { from, count: to - from, strings, type: [], pid: [], tgid: [], name: [], cls: [], start: [], duration: [], ret: [], errno: [], sourcePath: [], sourceLine: [], runtime: [], raw: [] };
  for (let s = from; s < to; s++) {
    const e = model.event(s);
    b.type.push(EVENT_TYPES.indexOf(e.type));
    b.pid.push(e.pid);
    b.tgid.push(e.tgid);
    b.name.push(intern(e.name));
    b.cls.push(SYSCALL_CLASSES.indexOf(e.class));
    b.start.push(e.start);
    b.duration.push(e.duration);
    b.ret.push(e.ret ?? null);
    b.errno.push(e.errno ? intern(e.errno) : -1);
    b.sourcePath.push(e.source ? intern(e.source.path) : -1);
    b.sourceLine.push(e.source?.line ?? 0);
    b.runtime.push(e.runtime);
    const raw = withoutFrames(e.record.raw);
    b.raw.push(raw.length > MAX_RAW ? `${raw.slice(0, MAX_RAW)}… [truncated, ${raw.length} bytes]` : raw);
  }
  return b;
}

export function processSnapshots(model: TraceModelView): ProcessSnapshot[] {
  return model.processes().map((p) => ({ pid: p.pid, parent: p.parent ?? null, program: p.program, threads: [...p.threads], exited: p.exit !== undefined }));
}

export class EventsStream {
  private sent = 0;
  private timer: NodeJS.Timeout | undefined;
  private sending = false;
  private pendingReset = false;
  private stopped = false;

  constructor(private readonly model: TraceModelView, private readonly send: (body: EventsBatchBody) => void, reset = false) {
    this.pendingReset = reset;
  }

  /** The model grew: flush soon, or now when many events wait. */
  appended(): void {
    if (this.stopped) return;
    if (this.model.length - this.sent >= FLUSH_AT_EVENTS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  /** Send everything again from 0, the first batch marked as a reset. */
  resend(): void {
    this.sent = 0;
    this.pendingReset = true;
    this.flush();
  }

  /** Send what is waiting now (the end of a run). */
  flush(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    if (this.sending || this.stopped) return;
    this.sending = true;
    const step = (): void => {
      if (this.stopped) { this.sending = false; return; }
      const to = Math.min(this.model.length, this.sent + MAX_BATCH);
      if (to <= this.sent && !this.pendingReset) { this.sending = false; return; }
      const body: EventsBatchBody = { batch: buildBatch(this.model, this.sent, to), processes: processSnapshots(this.model) };
      if (this.pendingReset) { body.reset = true; this.pendingReset = false; }
      this.sent = to;
      this.send(body);
      setImmediate(step);
    };
    step();
  }

  dispose(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
