/**
 * The Recorder turns parser records into the recording: it symbolizes each event's `-k`
 * frames, attributes the event to the user's source line (or marks it as a runtime event),
 * and appends it to the TraceModel in input order. Engine-run pushes records as strace writes
 * them and reads `model` from the start; an event is appended once its frames are resolved, so
 * listeners never see an event change afterwards. Under `-f` a new thread can speak before the
 * `clone(…) = TID` that created it completes; its events wait (bounded) for that line so they
 * land in the right process with the right fd table.
 */
import type { StraceRecord } from 'strace-parser';
import type { RunHooks, Target, TraceModelView } from './types';
import { TraceModel, type AttributedRecord } from './model/trace-model';
import { Attributor } from './symbolize/attribute';
import { Symbolizer, type SymbolizerStats } from './symbolize/symbolizer';

export interface RecorderOptions {
  /** For reading binaries and running addr2line on the target (Target.exec / spawn / readFile). */
  target: Target;
  /** Local folders whose files are the user's code. */
  sourceRoots: string[];
  hooks?: RunHooks;
}

type EventRecord = AttributedRecord['record'];

interface PendingBatch {
  records: EventRecord[];
  /** Index of the next record of this batch to append. */
  next: number;
  ready: boolean;
}

/** How many later records an event of a not-yet-announced thread may wait for its clone line. */
const HOLD_LIMIT = 4096;
/** …or for this long, on a live run that has gone quiet. */
const HOLD_MS = 250;

export class Recorder {
  private readonly traceModel: TraceModel;
  readonly model: TraceModelView;
  private readonly symbolizer: Symbolizer;
  private readonly attributor: Attributor;
  private readonly queue: PendingBatch[] = [];
  private readonly preparing = new Set<Promise<void>>();
  /** Records pushed but not yet appended, for the hold limit. */
  private waiting = 0;
  private finishing = false;
  private releaseHeld = false;
  private holdTimer: NodeJS.Timeout | undefined;

  constructor(readonly options: RecorderOptions) {
    const log = options.hooks?.log?.bind(options.hooks);
    this.traceModel = new TraceModel({ log });
    this.model = this.traceModel;
    this.symbolizer = new Symbolizer({ target: options.target, sourceRoots: options.sourceRoots, log });
    this.attributor = new Attributor((module) => this.symbolizer.isUnsymbolized(module));
  }

  /** Symbolizer counters (processes started, batches, addresses, cache hits), for tests and benches. */
  get symbolizerStats(): Readonly<SymbolizerStats> {
    return this.symbolizer.stats;
  }

  /** Parser records in input order (syscall, signal, exit, strace, summary, unparsed). */
  push(records: readonly StraceRecord[]): void {
    if (this.finishing) throw new Error('Recorder.push() after finish(): the recording is closed');
    const batch: PendingBatch = { records: [], next: 0, ready: false };
    const stacks = [];
    for (const record of records) {
      switch (record.kind) {
        case 'syscall':
        case 'signal':
        case 'exit':
          batch.records.push(record);
          this.traceModel.announce(record);
          if (record.kind !== 'exit' && record.stack.length > 0) stacks.push(record.stack);
          break;
        case 'strace':
          this.options.hooks?.straceMessage?.(record.message);
          break;
        case 'unparsed':
          this.options.hooks?.log?.(`strace output line ${record.lines[0] ?? '?'} not understood (${record.reason}): ${record.raw}`);
          break;
        case 'summary':
          break;
      }
    }
    if (batch.records.length === 0) return;
    this.queue.push(batch);
    this.waiting += batch.records.length;
    const prepared = this.symbolizer.prepare(stacks)
      .catch((error: Error) => this.options.hooks?.log?.(`symbolize: ${error.message}; frames keep strace's names`))
      .then(() => {
        batch.ready = true;
        this.drain();
      });
    this.preparing.add(prepared);
    void prepared.finally(() => this.preparing.delete(prepared));
  }

  /** Resolves once every pushed record is symbolized and appended (or held for its clone line). */
  async settled(): Promise<void> {
    while (this.preparing.size > 0) await Promise.all([...this.preparing]);
  }

  /** Flush symbolization, append everything still waiting, mark the model ended, stop addr2line. */
  async finish(): Promise<void> {
    this.finishing = true;
    await this.settled();
    this.drain();
    this.traceModel.end();
    // Nothing more will be pushed: the symbolizer processes can go now (answers stay cached).
    await this.symbolizer.dispose();
  }

  /** Stop symbolizer processes. */
  async dispose(): Promise<void> {
    if (this.holdTimer) clearTimeout(this.holdTimer);
    await this.symbolizer.dispose();
  }

  /** Appends the longest ready prefix of the queue, then tells listeners once. */
  private drain(): void {
    let appended = 0;
    while (this.queue.length > 0 && this.queue[0].ready) {
      const batch = this.queue[0];
      while (batch.next < batch.records.length) {
        const record = batch.records[batch.next];
        if (!this.mayAppend(record)) break;
        this.traceModel.add(this.attributed(record));
        batch.next++;
        appended++;
      }
      if (batch.next < batch.records.length) {
        if (batch.ready) this.holdAtMost();
        break;
      }
      this.queue.shift();
    }
    this.waiting -= appended;
    this.traceModel.announceAppended();
  }

  /** A record of an unknown thread waits for its clone line, unless that has waited too long. */
  private mayAppend(record: EventRecord): boolean {
    if (this.finishing || this.releaseHeld || record.pid === undefined || this.waiting > HOLD_LIMIT) return true;
    return this.traceModel.knowsThread(record.pid);
  }

  /** A live run may pause right after a thread's first event: do not hold it for long. */
  private holdAtMost(): void {
    if (this.holdTimer) return;
    this.holdTimer = setTimeout(() => {
      this.holdTimer = undefined;
      this.releaseHeld = true;
      this.drain();
      this.releaseHeld = false;
    }, HOLD_MS);
    this.holdTimer.unref();
  }

  private attributed(record: EventRecord): AttributedRecord {
    const stack = record.kind === 'exit' ? [] : this.symbolizer.resolveStack(record.stack);
    const name = record.kind === 'syscall' ? record.name : record.kind === 'signal' ? record.signal : 'exit';
    const { source, runtime } = this.attributor.attribute(stack, name);
    return { record, stack, source, runtime };
  }
}
