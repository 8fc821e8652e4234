/**
 * The Debug Adapter Protocol face of Syscall Lens. It translates DAP requests into moves of a
 * cursor through the engine's recording (RunSession/CursorDriver) and answers questions about
 * the event under the cursor (stack, scopes, evaluate). Responses are sent before the events
 * they cause (`stopped` follows the reply to `next`). No `vscode` import: it runs inline in the
 * extension host and as `node dist/debugAdapter.js` over stdio alike.
 */
import * as path from 'node:path';
import { ContinuedEvent, Event, ExitedEvent, InitializedEvent, LoggingDebugSession, OutputEvent, TerminatedEvent, ThreadEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { RunEnd, RunHandle } from '../engine/types';
import { BUILD_DIAGNOSTICS, EVENTS_BATCH, REQUEST_EVENTS, RUN_STATE, type AttachArguments, type LaunchArguments, type RunStateBody } from '../protocol';
import { BreakpointSet } from './breakpoints';
import type { Stop } from './cursorDriver';
import { gotoTargetsAt } from './gotoTargets';
import { neighbourIndex } from './navigator';
import { ExpressionError } from './expression';
import { evaluateAt } from './eventScope';
import { exitCodeOf, RunSession, type RunSessionEvents } from './runSession';
import { StackFrames } from './stackFrames';
import { CAPABILITIES, stopEvents } from './stopEvents';
import { describeStartFailure, startRecording, type Config } from './startRecording';
import type { TerminalRelay } from './terminalRelay';
import { ThreadAnnouncer } from './threadAnnouncer';
import { threadsAt } from './threads';
import { VariableStore } from './variables';


export class StraceDebugSession extends LoggingDebugSession {
  private run: RunSession | undefined;
  private config: Config | undefined;
  private relay: TerminalRelay | undefined;
  private clientCaps: DebugProtocol.InitializeRequestArguments = { adapterID: 'strace' };
  private justMyCode = true;
  private readonly breakpoints = new BreakpointSet(() => this.run?.model, () => this.justMyCode);
  private readonly frames = new StackFrames();
  private readonly variables = new VariableStore();
  private readonly threads = new ThreadAnnouncer();
  private configured!: Promise<void>;
  private markConfigured!: () => void;
  private lastStop: Stop | undefined;
  private runs = 0;
  private ended = false;
  /** Set by terminate/disconnect: a launch still building must not start the program afterwards. */
  private closing = false;

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
    this.configured = new Promise((resolve) => { this.markConfigured = resolve; });
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse, args: DebugProtocol.InitializeRequestArguments): void {
    this.clientCaps = args;
    response.body = CAPABILITIES;
    this.sendResponse(response);
    this.sendEvent(new InitializedEvent());
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.markConfigured();
    this.sendResponse(response);
  }

  protected override async launchRequest(response: DebugProtocol.LaunchResponse, args: LaunchArguments & DebugProtocol.LaunchRequestArguments): Promise<void> {
    this.config = { kind: 'launch', args };
    await this.begin(response, this.config);
  }

  protected override async attachRequest(response: DebugProtocol.AttachResponse, args: AttachArguments & DebugProtocol.AttachRequestArguments): Promise<void> {
    this.config = { kind: 'attach', args };
    await this.begin(response, this.config);
  }

  protected override async restartRequest(response: DebugProtocol.RestartResponse, args: DebugProtocol.RestartArguments): Promise<void> {
    if (!this.config) return this.sendErrorResponse(response, 3001, 'Nothing to restart: the session was never launched.');
    await this.stopRun();
    const next = args?.arguments ? ({ kind: this.config.kind, args: args.arguments } as Config) : this.config;
    this.config = next;
    await this.begin(response, next);
  }

  /** Build and start (launch) or open (attach), then move to the entry stop once configured. */
  private async begin(response: DebugProtocol.Response, config: Config): Promise<void> {
    this.ended = false;
    this.justMyCode = config.args.justMyCode !== false;
    const reset = this.runs++ > 0;
    let handle: RunHandle;
    try {
      ({ handle, relay: this.relay } = await startRecording(config, {
        canRunInTerminal: this.clientCaps.supportsRunInTerminalRequest === true,
        events: this.sessionEvents(),
        runInTerminal: (args) => this.runInTerminalRequest(args, 10000, () => undefined),
        runState: (body) => this.sendRunState(body),
      }));
    } catch (e) {
      return this.failStart(response, e);
    }
    if (this.closing) {
      // Stopped while building or starting: nothing may keep running after the session.
      await handle.stop().catch(() => undefined);
      this.relay?.dispose();
      this.relay = undefined;
      return this.sendErrorResponse(response, 3008, 'The session was stopped before the program started.');
    }
    this.run = new RunSession(handle, this.breakpoints, this.justMyCode, this.sessionEvents(), reset);
    this.sendRunState({ state: 'running', runDir: handle.runDir, program: handle.metadata.program });
    this.sendResponse(response);
    await Promise.race([this.configured, new Promise((r) => setTimeout(r, 5000))]);
    if (this.run?.handle === handle) {
      this.run.driver.start(config.args.stopOnEntry !== false);
      this.announceRunningThreads();
    }
  }

  private failStart(response: DebugProtocol.Response, e: unknown): void {
    const { message, build, buildOutput } = describeStartFailure(e);
    if (build) this.sendEvent(new Event(BUILD_DIAGNOSTICS, build));
    if (buildOutput) this.output(buildOutput.endsWith('\n') ? buildOutput : `${buildOutput}\n`, 'stderr');
    this.sendRunState({ state: 'ended', message });
    this.sendErrorResponse(response, { id: 3000, format: '{_message}', variables: { _message: message }, showUser: true });
    this.sendEvent(new TerminatedEvent());
  }

  private sessionEvents(): RunSessionEvents {
    return {
      stopped: (stop) => this.onStopped(stop),
      ended: () => this.onEnded(),
      log: (text, seq) => {
        const e = this.run?.model.event(seq);
        const ev = new OutputEvent(`${text}\n`, 'console') as DebugProtocol.OutputEvent;
        if (e?.source) { ev.body.source = { path: e.source.path, name: path.basename(e.source.path) }; ev.body.line = e.source.line; }
        this.sendEvent(ev);
      },
      output: (text, category) => this.output(text, category),
      batch: (body) => this.sendEvent(new Event(EVENTS_BATCH, body)),
      grew: () => this.announceRunningThreads(),
      done: (end) => this.onRunDone(end),
    };
  }

  private output(text: string, category: string): void {
    this.sendEvent(new OutputEvent(text, category));
  }

  private sendRunState(body: RunStateBody): void {
    this.sendEvent(new Event(RUN_STATE, body));
  }

  private onStopped(stop: Stop): void {
    const model = this.run?.model;
    if (!model) return;
    this.lastStop = stop;
    this.frames.reset();
    this.variables.reset();
    // Threads follow the cursor, and their events must come before `stopped` (see ThreadAnnouncer).
    for (const t of this.threads.atStop(model, stop.seq)) this.sendEvent(new ThreadEvent(t.reason, t.threadId));
    for (const ev of stopEvents(model, stop)) this.sendEvent(ev);
  }

  /** While the cursor runs with a live recording, announce threads that started meanwhile. */
  private announceRunningThreads(): void {
    const run = this.run;
    if (!run?.driver.running) return;
    for (const t of this.threads.whileRunning(run.model)) this.sendEvent(new ThreadEvent(t.reason, t.threadId));
  }

  private onEnded(): void {
    // The recording is complete and we ran past its end: the program has ended. Its exit status
    // comes with `done`, which may settle a moment after the model's last event.
    const run = this.run;
    if (this.ended || !run) return;
    this.ended = true;
    const timeout = new Promise<undefined>((r) => setTimeout(() => r(undefined), 5000));
    void Promise.race([run.handle.done.catch(() => undefined), timeout]).then((end) => {
      const final = end ?? run.end;
      // Without this line the session just vanishes at the end and a learner wonders what happened.
      this.output(`[syscall-lens] end of the recording: ${describeEnd(final)}, ${run.model.length} events. ` +
        `The run is saved in ${run.handle.runDir} (reopen it with "Syscall Lens: Open Saved Run…").\n`, 'console');
      this.sendEvent(new ExitedEvent(exitCodeOf(final)));
      this.sendEvent(new TerminatedEvent());
    });
  }

  private onRunDone(end: RunEnd): void {
    this.relay?.finish();
    this.sendRunState({ state: 'ended', runDir: this.run?.handle.runDir, exitCode: end.exitCode, message: end.message });
  }

  // ─── breakpoints ───
  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    const file = args.source.path;
    if (!file) { response.body = { breakpoints: (args.breakpoints ?? []).map(() => ({ verified: false, message: 'Only files on disk can hold breakpoints.' })) }; return this.sendResponse(response); }
    response.body = { breakpoints: this.breakpoints.setLineBreakpoints(file, args.breakpoints ?? []) };
    this.sendResponse(response);
  }

  protected override setFunctionBreakPointsRequest(response: DebugProtocol.SetFunctionBreakpointsResponse, args: DebugProtocol.SetFunctionBreakpointsArguments): void {
    response.body = { breakpoints: this.breakpoints.setFunctionBreakpoints(args.breakpoints) };
    this.sendResponse(response);
  }

  protected override setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse, args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    response.body = { breakpoints: this.breakpoints.setExceptionFilters(args.filters, args.filterOptions) };
    this.sendResponse(response);
  }

  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse): void {
    const ex = this.lastStop?.exception;
    if (!ex) return this.sendErrorResponse(response, 3002, 'Not stopped on an exception.');
    response.body = { exceptionId: ex.id, description: ex.description, breakMode: 'always', details: { message: ex.description, stackTrace: this.run?.model.event(this.lastStop?.seq ?? 0).record.raw } };
    this.sendResponse(response);
  }

  // ─── threads, stack, variables ───
  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    // At rest: the threads alive at the cursor (announced by the stop). Running or before the
    // first stop: the threads announced so far, so the answer never contradicts the events.
    const run = this.run;
    const atRest = run && !run.driver.running && run.driver.cursor >= 0;
    response.body = { threads: atRest ? threadsAt(run.model, run.driver.cursor) : this.threads.list() };
    this.sendResponse(response);
  }

  /** The event a thread is at: the cursor itself, or that thread's last event before the cursor. */
  private eventOfThread(tid: number): number | undefined {
    const run = this.run;
    if (!run || run.driver.cursor < 0) return undefined;
    const cursor = run.driver.cursor;
    if (run.model.event(cursor).pid === tid) return cursor;
    const seqs = run.model.threadEvents(tid);
    return seqs[neighbourIndex(seqs, cursor + 1, -1)];
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    const seq = this.eventOfThread(args.threadId);
    if (seq === undefined || !this.run) { response.body = { stackFrames: [], totalFrames: 0 }; return this.sendResponse(response); }
    const { frames, total } = this.frames.of(this.run.model.event(seq), args.startFrame ?? 0, args.levels ?? 0, this.justMyCode);
    response.body = { stackFrames: frames, totalFrames: total };
    this.sendResponse(response);
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    const ref = this.frames.frame(args.frameId);
    response.body = { scopes: ref ? this.variables.scopes(ref.seq) : [] };
    this.sendResponse(response);
  }

  protected override variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): void {
    response.body = { variables: this.run ? this.variables.variables(this.run.model, args.variablesReference) : [] };
    this.sendResponse(response);
  }

  protected override evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): void {
    const run = this.run;
    const seq = (args.frameId !== undefined ? this.frames.frame(args.frameId)?.seq : undefined) ?? run?.driver.cursor;
    if (!run || seq === undefined || seq < 0) return this.sendErrorResponse(response, 3003, 'Not stopped at an event: evaluate works on the event under the cursor.');
    try {
      response.body = { result: evaluateAt(run.model, seq, args.expression, args.context), variablesReference: 0 };
      this.sendResponse(response);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      this.sendErrorResponse(response, { id: 3004, format: '{_message}', variables: { _message: e.message }, showUser: false });
    }
  }

  // ─── moving the cursor ───
  private move(response: DebugProtocol.Response, action: (run: RunSession) => void): void {
    const run = this.run;
    if (!run) return this.sendErrorResponse(response, 3005, 'No recording is loaded yet.');
    this.sendResponse(response);
    action(run);
    this.announceRunningThreads();
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    response.body = { allThreadsContinued: true };
    this.move(response, (r) => r.driver.continue(1));
  }

  protected override reverseContinueRequest(response: DebugProtocol.ReverseContinueResponse): void {
    this.move(response, (r) => r.driver.continue(-1));
  }

  protected override nextRequest(response: DebugProtocol.NextResponse, args: DebugProtocol.NextArguments): void {
    this.move(response, (r) => r.driver.step('next', 1, args.threadId));
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse, args: DebugProtocol.StepInArguments): void {
    this.move(response, (r) => r.driver.step('stepIn', 1, args.threadId));
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse, args: DebugProtocol.StepOutArguments): void {
    this.move(response, (r) => r.driver.step('stepOut', 1, args.threadId));
  }

  protected override stepBackRequest(response: DebugProtocol.StepBackResponse, args: DebugProtocol.StepBackArguments): void {
    this.move(response, (r) => r.driver.step('next', -1, args.threadId));
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.move(response, (r) => r.driver.pause());
  }

  protected override gotoTargetsRequest(response: DebugProtocol.GotoTargetsResponse, args: DebugProtocol.GotoTargetsArguments): void {
    const run = this.run;
    const file = args.source.path;
    if (!run || !file) { response.body = { targets: [] }; return this.sendResponse(response); }
    response.body = { targets: gotoTargetsAt(run.model, file, args.line, run.driver.cursor) };
    this.sendResponse(response);
  }

  protected override gotoRequest(response: DebugProtocol.GotoResponse, args: DebugProtocol.GotoArguments): void {
    const run = this.run;
    if (!run || !Number.isInteger(args.targetId) || args.targetId < 0 || args.targetId >= run.model.length) {
      return this.sendErrorResponse(response, 3006, `No event #${args.targetId} in the recording.`);
    }
    // A jump in time: say the threads continued, so the client drops the old stop's details
    // (VS Code's Call Stack header kept the previous description) before the new `stopped`.
    this.move(response, (r) => {
      this.sendEvent(new ContinuedEvent(r.model.event(r.driver.cursor >= 0 ? r.driver.cursor : args.targetId).pid, true));
      r.driver.goto(args.targetId);
    });
  }

  protected override customRequest(command: string, response: DebugProtocol.Response): void {
    if (command !== REQUEST_EVENTS) return this.sendErrorResponse(response, 3007, `Unknown request ${command}.`);
    this.sendResponse(response);
    this.run?.stream.resend();
  }

  // ─── ending ───
  protected override async terminateRequest(response: DebugProtocol.TerminateResponse): Promise<void> {
    this.closing = true;
    await this.stopRun();
    this.sendResponse(response);
    if (!this.ended) { this.ended = true; this.sendEvent(new TerminatedEvent()); }
  }

  protected override async disconnectRequest(response: DebugProtocol.DisconnectResponse): Promise<void> {
    this.closing = true;
    await this.stopRun();
    this.sendResponse(response);
  }

  /** Kill the traced tree and forget the run; a failure to stop is reported, never thrown at the client. */
  private async stopRun(): Promise<void> {
    const run = this.run;
    this.run = undefined;
    try {
      await run?.stop();
    } catch (e) {
      this.output(`[syscall-lens] stopping the run failed: ${(e as Error).message}\n`, 'important');
    } finally {
      this.relay?.dispose();
      this.relay = undefined;
    }
  }
}

/** "the program exited with code 0", "the program was killed by SIGKILL", "the run was stopped". */
function describeEnd(end: RunEnd | undefined): string {
  if (!end) return 'the program ended';
  if (end.reason === 'stopped') return 'the run was stopped';
  if (end.reason === 'connection-lost') return `the connection was lost (${end.message ?? 'no detail'})`;
  if (end.signal) return `the program was killed by ${end.signal}`;
  return end.exitCode === null ? 'the program ended' : `the program exited with code ${end.exitCode}`;
}
