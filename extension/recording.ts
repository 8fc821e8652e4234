/**
 * One debug session's recording as the extension sees it: the adapter's columnar event batches
 * kept as they arrived (never reshaped into a million objects), an index of which source lines
 * made which events (for the editor annotations), the process list, the run state and the
 * debugger's cursor. Plain data with no `vscode` import, so it is tested in plain Node. The
 * timeline panel replays `batches` when it (re)opens; annotations ask `linesOf(path)`.
 */
import type { CursorMovedBody, EventsBatch, EventsBatchBody, ProcessSnapshot, RunStateBody } from '../debug-adapter/protocol';
import { EVENT_TYPES, SYSCALL_CLASSES } from '../debug-adapter/protocol';

/** One event, decoded on demand (hover, reveal), never stored in this shape. */
export interface EventSummary {
  seq: number;
  type: (typeof EVENT_TYPES)[number];
  name: string;
  cls: (typeof SYSCALL_CLASSES)[number];
  pid: number;
  tgid: number;
  start: number;
  duration: number;
  ret: number | null;
  errno: string | undefined;
  source: { path: string; line: number } | undefined;
  runtime: boolean;
  raw: string;
}

export class Recording {
  /** Batches in arrival order; together they cover [0, length). */
  readonly batches: EventsBatch[] = [];
  processes: ProcessSnapshot[] = [];
  state: RunStateBody | undefined;
  cursor: CursorMovedBody | undefined;
  /** path → line → seqs, in recording order. */
  private readonly lineIndex = new Map<string, Map<number, number[]>>();
  private length_ = 0;

  constructor(
    /** The debug session id this recording belongs to. */
    readonly sessionId: string,
    /** A short name for titles: the program or the log file. */
    public title: string,
  ) {}

  get length(): number {
    return this.length_;
  }

  /** Adds a batch; a `reset` batch replaces everything received so far. */
  append(body: EventsBatchBody): void {
    if (body.reset) {
      this.batches.length = 0;
      this.lineIndex.clear();
      this.length_ = 0;
    }
    if (body.processes) this.processes = body.processes;
    const batch = body.batch;
    if (batch.count === 0) return;
    this.batches.push(batch);
    this.length_ = Math.max(this.length_, batch.from + batch.count);
    for (let i = 0; i < batch.count; i++) {
      const pathIndex = batch.sourcePath[i];
      const line = batch.sourceLine[i];
      if (pathIndex < 0 || !line) continue;
      const path = batch.strings[pathIndex];
      let lines = this.lineIndex.get(path);
      if (!lines) this.lineIndex.set(path, (lines = new Map()));
      let seqs = lines.get(line);
      if (!seqs) lines.set(line, (seqs = []));
      seqs.push(batch.from + i);
    }
  }

  /** Lines of a local source file that made events: line → seqs. */
  linesOf(path: string): ReadonlyMap<number, readonly number[]> {
    return this.lineIndex.get(path) ?? new Map();
  }

  /** Every source path seen so far (for refreshing open editors). */
  sourcePaths(): string[] {
    return [...this.lineIndex.keys()];
  }

  /** Decodes one event, or undefined when no batch holds it. */
  event(seq: number): EventSummary | undefined {
    const batch = this.batchOf(seq);
    if (!batch) return undefined;
    const i = seq - batch.from;
    const str = (index: number): string | undefined => (index >= 0 ? batch.strings[index] : undefined);
    const path = str(batch.sourcePath[i]);
    return {
      seq,
      type: EVENT_TYPES[batch.type[i]] ?? 'syscall',
      name: batch.strings[batch.name[i]] ?? '?',
      cls: SYSCALL_CLASSES[batch.cls[i]] ?? 'other',
      pid: batch.pid[i],
      tgid: batch.tgid[i],
      start: batch.start[i],
      duration: batch.duration[i],
      ret: batch.ret[i],
      errno: str(batch.errno[i]),
      source: path && batch.sourceLine[i] ? { path, line: batch.sourceLine[i] } : undefined,
      runtime: batch.runtime[i],
      raw: batch.raw[i] ?? '',
    };
  }

  /** The name of one event, without decoding the rest (annotations count thousands). */
  nameOf(seq: number): string | undefined {
    const batch = this.batchOf(seq);
    return batch ? batch.strings[batch.name[seq - batch.from]] : undefined;
  }

  /** Binary search over batches by `from` (batches arrive in order). */
  private batchOf(seq: number): EventsBatch | undefined {
    let lo = 0;
    let hi = this.batches.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = this.batches[mid];
      if (seq < b.from) hi = mid - 1;
      else if (seq >= b.from + b.count) lo = mid + 1;
      else return b;
    }
    return undefined;
  }
}
