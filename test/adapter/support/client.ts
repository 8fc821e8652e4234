/**
 * The adapter tests' DebugClient: it starts the real adapter process (`node
 * dist/debugAdapter.js`, built by `npm run build`) and adds the helpers the tests keep needing —
 * a queue of stops (so no event is missed between a request and its wait), launch to the first
 * stop with breakpoints set during configuration, and where-am-I questions (user frame,
 * evaluate, a scope's variables). Every custom event and output is recorded for assertions.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

const ROOT = path.resolve(__dirname, '../../..');
export const ADAPTER = path.join(ROOT, 'dist', 'debugAdapter.js');

export interface Setup {
  breakpoints?: { path: string; lines: number[]; condition?: string; hitCondition?: string; logMessage?: string }[];
  functionBreakpoints?: DebugProtocol.FunctionBreakpoint[];
  exceptionFilters?: string[];
  exceptionOptions?: DebugProtocol.ExceptionFilterOptions[];
}

export class StraceClient extends DebugClient {
  readonly stops: DebugProtocol.StoppedEvent[] = [];
  private waiters: ((e: DebugProtocol.StoppedEvent) => void)[] = [];
  readonly outputs: DebugProtocol.OutputEvent['body'][] = [];
  readonly customEvents: { event: string; body: unknown }[] = [];
  readonly threadEvents: DebugProtocol.ThreadEvent['body'][] = [];
  /** thread, continued and stopped events in the order they arrived: for ordering assertions. */
  readonly flow: { event: 'thread' | 'continued' | 'stopped'; body: Record<string, unknown> }[] = [];
  terminated = false;
  setupResults: { breakpoints: DebugProtocol.Breakpoint[]; functionBreakpoints: DebugProtocol.Breakpoint[] } = { breakpoints: [], functionBreakpoints: [] };

  constructor(options: { adapterStderr?: boolean; env?: Record<string, string> } = {}) {
    if (!existsSync(ADAPTER)) throw new Error(`${ADAPTER} is missing: run "npm run build" first.`);
    super(process.execPath, ADAPTER, 'strace', { env: { ...process.env, ...options.env } }, options.adapterStderr ?? true);
    this.defaultTimeout = 30000;
    for (const event of ['thread', 'continued', 'stopped'] as const) {
      this.on(event, (e: DebugProtocol.Event) => this.flow.push({ event, body: e.body as Record<string, unknown> }));
    }
    this.on('stopped', (e: DebugProtocol.StoppedEvent) => {
      const w = this.waiters.shift();
      if (w) w(e); else this.stops.push(e);
    });
    this.on('output', (e: DebugProtocol.OutputEvent) => this.outputs.push(e.body));
    this.on('thread', (e: DebugProtocol.ThreadEvent) => this.threadEvents.push(e.body));
    this.on('terminated', () => { this.terminated = true; });
    // DebugClient drops reverse requests (runInTerminal); answer them here.
    const self = this as unknown as { dispatch(body: string): void; outputStream: Writable };
    const dispatch = self.dispatch.bind(this);
    self.dispatch = (body: string) => {
      const msg = JSON.parse(body) as { type: string; seq: number; command: string; arguments?: unknown };
      if (msg.type !== 'request') return dispatch(body);
      const handler = this.reverseHandlers.get(msg.command);
      const reply = { type: 'response', seq: 0, request_seq: msg.seq, command: msg.command, success: !!handler, body: handler?.(msg.arguments), message: handler ? undefined : 'not supported' };
      const json = JSON.stringify(reply);
      self.outputStream.write(`Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
    };
    for (const name of ['syscallLens.events', 'syscallLens.cursor', 'syscallLens.runState', 'syscallLens.buildDiagnostics']) {
      this.on(name, (e: DebugProtocol.Event) => this.customEvents.push({ event: name, body: e.body }));
    }
  }

  private readonly reverseHandlers = new Map<string, (args: unknown) => unknown>();
  private adapter: ChildProcess | undefined;

  override async start(port?: number): Promise<void> {
    await super.start(port);
    this.adapter = (this as unknown as { _adapterProcess: ChildProcess | null })._adapterProcess ?? undefined;
  }

  /**
   * Disconnect, then resolve only once the adapter process is gone. DebugClient.stop() sends
   * SIGTERM and returns at once, so a test file used to end with its adapter still alive
   * (reparented to init, briefly or for good if it hung); SIGKILL after 5 s.
   */
  override async stop(): Promise<void> {
    const adapter = this.adapter;
    this.adapter = undefined;
    await super.stop();
    if (adapter) await untilExited(adapter, 5000);
  }

  /** Play the client's side of a reverse request (e.g. runInTerminal). */
  onReverseRequest(command: string, handler: (args: unknown) => unknown): void {
    this.reverseHandlers.set(command, handler);
  }

  /** The next stop (already received or still to come). */
  nextStop(timeoutMs = 60000): Promise<DebugProtocol.StoppedEvent> {
    const queued = this.stops.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no stopped event within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((e) => { clearTimeout(timer); resolve(e); });
    });
  }

  /** initialize, configure breakpoints, launch (or attach), and wait for the first stop. */
  async startSession(kind: 'launch' | 'attach', args: Record<string, unknown>, setup: Setup = {}, initArgs: Partial<DebugProtocol.InitializeRequestArguments> = {}): Promise<DebugProtocol.StoppedEvent> {
    await this.configureAndStart(kind, args, setup, initArgs);
    return this.nextStop();
  }

  /** Like startSession, for runs expected to end without stopping. */
  async configureAndStart(kind: 'launch' | 'attach', args: Record<string, unknown>, setup: Setup = {}, initArgs: Partial<DebugProtocol.InitializeRequestArguments> = {}): Promise<void> {
    const initialized = this.initialize(initArgs);
    const configure = (async () => {
      await initialized;
      // One setBreakpoints per file, as an editor sends them (a second one would replace the first).
      const byFile = new Map<string, DebugProtocol.SourceBreakpoint[]>();
      for (const bp of setup.breakpoints ?? []) {
        const list = byFile.get(bp.path) ?? [];
        list.push(...bp.lines.map((line) => ({ line, condition: bp.condition, hitCondition: bp.hitCondition, logMessage: bp.logMessage })));
        byFile.set(bp.path, list);
      }
      for (const [file, breakpoints] of byFile) {
        const r = await this.setBreakpointsRequest({ source: { path: file }, breakpoints });
        this.setupResults.breakpoints.push(...r.body.breakpoints);
      }
      if (setup.functionBreakpoints) this.setupResults.functionBreakpoints = (await this.setFunctionBreakpointsRequest({ breakpoints: setup.functionBreakpoints })).body.breakpoints;
      await this.setExceptionBreakpointsRequest({ filters: setup.exceptionFilters ?? [], filterOptions: setup.exceptionOptions });
      await this.configurationDoneRequest();
    })();
    const start = kind === 'launch' ? this.launchRequest(args as DebugProtocol.LaunchRequestArguments) : this.attachRequest(args as DebugProtocol.AttachRequestArguments);
    await Promise.all([start, configure]);
  }

  /** initialize as VS Code does, resolving once the adapter says `initialized`. */
  async initialize(initArgs: Partial<DebugProtocol.InitializeRequestArguments> = {}): Promise<void> {
    const initialized = this.waitForEvent('initialized');
    await this.initializeRequest({ adapterID: 'strace', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path', ...initArgs });
    await initialized;
  }

  /** Send a cursor move and wait for where it lands. */
  async move(command: 'next' | 'stepIn' | 'stepOut' | 'stepBack' | 'continue' | 'reverseContinue', threadId: number): Promise<DebugProtocol.StoppedEvent> {
    await this.send(command, { threadId });
    return this.nextStop();
  }

  /** The innermost frame with a source: where the editor would show the stop. */
  async userFrame(threadId: number): Promise<{ path: string; line: number; frameId: number; name: string }> {
    const st = await this.stackTraceRequest({ threadId });
    const f = st.body.stackFrames.find((x) => x.source?.path && x.presentationHint !== 'subtle');
    if (!f || !f.source?.path) throw new Error(`no user frame in ${JSON.stringify(st.body.stackFrames.map((x) => x.name))}`);
    return { path: f.source.path, line: f.line, frameId: f.id, name: f.name };
  }

  async evaluate(expression: string, frameId?: number): Promise<string> {
    const r = await this.evaluateRequest({ expression, frameId, context: 'repl' });
    return r.body.result;
  }

  /** Variables of one scope of the top frame of a thread, as name → value. */
  async scope(threadId: number, name: 'Syscall' | 'Descriptors' | 'Process'): Promise<Map<string, DebugProtocol.Variable>> {
    const st = await this.stackTraceRequest({ threadId });
    const scopes = await this.scopesRequest({ frameId: st.body.stackFrames[0].id });
    const s = scopes.body.scopes.find((x) => x.name === name);
    if (!s) throw new Error(`no scope ${name}`);
    const vars = await this.variablesRequest({ variablesReference: s.variablesReference });
    return new Map(vars.body.variables.map((v) => [v.name, v]));
  }

  stdout(): string {
    return this.outputs.filter((o) => o.category === 'stdout').map((o) => o.output).join('');
  }

  /** Wait until the adapter reports the run ended (the recording is complete; the session may go on). */
  async untilRunEnded(timeoutMs = 30000): Promise<void> {
    const ended = () => this.customEvents.some((e) => e.event === 'syscallLens.runState' && (e.body as { state?: string }).state === 'ended');
    const until = Date.now() + timeoutMs;
    while (!ended()) {
      if (Date.now() > until) throw new Error(`the run did not end within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Wait until the adapter says the session ended. */
  async untilTerminated(timeoutMs = 30000): Promise<void> {
    if (this.terminated) return;
    await this.waitForEvent('terminated', timeoutMs);
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves once `child` has exited; SIGKILLs it if it is still alive after `graceMs`. */
async function untilExited(child: ChildProcess, graceMs: number): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const timer = setTimeout(() => { if (!hasExited(child)) child.kill('SIGKILL'); }, graceMs);
  await exited;
  clearTimeout(timer);
}
