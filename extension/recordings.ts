/**
 * Keeps a `Recording` per `strace` debug session, fed by the adapter's custom DAP events
 * (`syscallLens.events`, `.cursor`, `.runState`), and tells the rest of the extension what
 * changed. The annotations, the current-line highlight, the timeline panel, the status bar and
 * the progress notification all listen here instead of each parsing DAP events. A finished
 * session's recording stays (the panel and annotations keep showing it) until a new one starts.
 */
import * as vscode from 'vscode';
import {
  CURSOR_MOVED, EVENTS_BATCH, RUN_STATE,
  type CursorMovedBody, type EventsBatchBody, type RunStateBody,
} from '../debug-adapter/protocol';
import { Recording } from './recording';

export const DEBUG_TYPE = 'strace';

export interface BatchChange { recording: Recording; body: EventsBatchBody }
export interface CursorChange { recording: Recording; session: vscode.DebugSession; cursor: CursorMovedBody }
export interface StateChange { recording: Recording; session: vscode.DebugSession; state: RunStateBody }

export class Recordings implements vscode.Disposable {
  private readonly bySession = new Map<string, Recording>();
  private readonly sessions = new Map<string, vscode.DebugSession>();
  /** The recording shown by default: the active strace session's, else the latest one. */
  private latest: Recording | undefined;

  private readonly onBatchEmitter = new vscode.EventEmitter<BatchChange>();
  private readonly onCursorEmitter = new vscode.EventEmitter<CursorChange>();
  private readonly onStateEmitter = new vscode.EventEmitter<StateChange>();
  private readonly onStartEmitter = new vscode.EventEmitter<{ recording: Recording; session: vscode.DebugSession }>();
  private readonly onEndEmitter = new vscode.EventEmitter<{ recording: Recording; session: vscode.DebugSession }>();
  private readonly onContinueEmitter = new vscode.EventEmitter<Recording>();
  readonly onBatch = this.onBatchEmitter.event;
  readonly onCursor = this.onCursorEmitter.event;
  readonly onState = this.onStateEmitter.event;
  readonly onStart = this.onStartEmitter.event;
  readonly onEnd = this.onEndEmitter.event;
  /** The debugger left its stop (continue, step started): the current-line highlight goes. */
  readonly onContinue = this.onContinueEmitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      this.onBatchEmitter, this.onCursorEmitter, this.onStateEmitter, this.onStartEmitter, this.onEndEmitter, this.onContinueEmitter,
      vscode.debug.onDidStartDebugSession((session) => this.start(session)),
      vscode.debug.onDidTerminateDebugSession((session) => this.end(session)),
      vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => this.receive(e)),
    );
  }

  /** The recording to show when nothing more specific is asked for. */
  current(): Recording | undefined {
    const active = vscode.debug.activeDebugSession;
    if (active?.type === DEBUG_TYPE) return this.bySession.get(active.id) ?? this.latest;
    return this.latest;
  }

  get(sessionId: string): Recording | undefined {
    return this.bySession.get(sessionId);
  }

  /** The live debug session of a recording, if it is still running. */
  session(recording: Recording): vscode.DebugSession | undefined {
    return this.sessions.get(recording.sessionId);
  }

  /** Called by the debug adapter tracker when the adapter reports `continued` or a step starts. */
  continued(sessionId: string): void {
    const recording = this.bySession.get(sessionId);
    if (recording) this.onContinueEmitter.fire(recording);
  }

  private start(session: vscode.DebugSession): void {
    if (session.type !== DEBUG_TYPE) return;
    const config = session.configuration;
    const title = titleOf(String(config.program ?? config.trace ?? session.name));
    const recording = new Recording(session.id, title);
    // Only the newest run is kept: old ones are reopened from their run folders.
    for (const [id, old] of this.bySession) if (!this.sessions.has(id) && old !== recording) this.bySession.delete(id);
    this.bySession.set(session.id, recording);
    this.sessions.set(session.id, session);
    this.latest = recording;
    this.onStartEmitter.fire({ recording, session });
  }

  private end(session: vscode.DebugSession): void {
    const recording = this.bySession.get(session.id);
    this.sessions.delete(session.id);
    if (recording) this.onEndEmitter.fire({ recording, session });
  }

  private receive(e: vscode.DebugSessionCustomEvent): void {
    if (e.session.type !== DEBUG_TYPE) return;
    const recording = this.bySession.get(e.session.id);
    if (!recording || !e.body || typeof e.body !== 'object') return;
    switch (e.event) {
      case EVENTS_BATCH: {
        const body = e.body as EventsBatchBody;
        if (!body.batch || !Array.isArray(body.batch.name)) return;
        recording.append(body);
        this.onBatchEmitter.fire({ recording, body });
        break;
      }
      case CURSOR_MOVED:
        recording.cursor = e.body as CursorMovedBody;
        this.onCursorEmitter.fire({ recording, session: e.session, cursor: recording.cursor });
        break;
      case RUN_STATE:
        recording.state = e.body as RunStateBody;
        if (recording.state.program) recording.title = titleOf(recording.state.program);
        this.onStateEmitter.fire({ recording, session: e.session, state: recording.state });
        break;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function titleOf(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}
