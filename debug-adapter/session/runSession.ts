/**
 * One recording being debugged: the engine's RunHandle plus what the session keeps about it —
 * the cursor driver, the events stream to the timeline, news that the live recording grew (for
 * the threads a running cursor announces) and the program's output routing (Debug Console or
 * terminal relay). Starting, replaying and stopping a run live here so the DAP class stays a
 * translation of requests.
 */
import * as os from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import type { RunEnd, RunHandle, RunHooks, TraceModelView } from '../engine/types';
import type { EventsBatchBody } from '../protocol';
import type { BreakpointSet } from './breakpoints';
import { CursorDriver, type DriverEvents } from './cursorDriver';
import { EventsStream } from './eventsStream';
import type { TerminalRelay } from './terminalRelay';

export interface RunSessionEvents extends DriverEvents {
  output(text: string, category: 'stdout' | 'stderr' | 'console' | 'important'): void;
  batch(body: EventsBatchBody): void;
  /** The live recording grew, after the driver took its share (it may have stopped). */
  grew(): void;
  done(end: RunEnd): void;
}

/** Output hooks for the engine, created before the run exists (the program may print at once). */
export class OutputRouter {
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  constructor(private readonly events: Pick<RunSessionEvents, 'output'>, private readonly relay: TerminalRelay | undefined) {}

  hooks(): RunHooks {
    const stream = (name: 'stdout' | 'stderr') => (chunk: Buffer) => {
      if (this.relay) this.relay.write(chunk);
      else { const text = this.decoders[name].write(chunk); if (text) this.events.output(text, name); }
    };
    return {
      stdout: stream('stdout'),
      stderr: stream('stderr'),
      straceMessage: (line) => this.events.output(`[strace] ${line.replace(/^strace: /, '')}\n`, 'console'),
      warning: (message) => this.events.output(`[syscall-lens] warning: ${message}\n`, 'important'),
      progress: (_phase, message) => this.events.output(`[syscall-lens] ${message}\n`, 'console'),
    };
  }
}

/** DAP wants a number: the program's code, or 128 + signal number as a shell reports a killed program. */
export function exitCodeOf(end: RunEnd | undefined): number {
  if (!end) return 0;
  if (end.exitCode !== null) return end.exitCode;
  const signal = end.signal ? (os.constants.signals as Record<string, number>)[end.signal] : undefined;
  return signal ? 128 + signal : 1;
}

export class RunSession {
  readonly driver: CursorDriver;
  readonly stream: EventsStream;
  private readonly unsubscribe: (() => void)[] = [];
  end: RunEnd | undefined;

  constructor(readonly handle: RunHandle, breakpoints: BreakpointSet, justMyCode: boolean, events: RunSessionEvents, reset: boolean) {
    const model = handle.model;
    this.driver = new CursorDriver(model, breakpoints, justMyCode, events);
    this.stream = new EventsStream(model, (body) => events.batch(body), reset);
    this.stream.appended();
    this.unsubscribe.push(
      model.onAppend(() => { events.grew(); this.stream.appended(); }),
      model.onEnd(() => this.stream.flush()),
    );
    handle.done.then((end) => { this.end = end; this.stream.flush(); events.done(end); }, (e: unknown) => {
      this.end = { exitCode: null, reason: 'strace-failed', message: (e as Error).message };
      events.output(`[syscall-lens] the run failed: ${(e as Error).message}\n`, 'important');
      events.done(this.end);
    });
  }

  get model(): TraceModelView {
    return this.handle.model;
  }

  async stop(): Promise<void> {
    this.driver.dispose();
    this.stream.dispose();
    for (const u of this.unsubscribe) u();
    await this.handle.stop();
  }
}
