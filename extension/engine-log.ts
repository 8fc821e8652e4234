/**
 * The "Syscall Lens" Output channel: the engine's log as the adapter reports it (DAP `output`
 * events other than the program's own stdout/stderr, which stay in the Debug Console), run
 * state changes, build summaries and failed requests. A `DebugAdapterTracker` sees every
 * message of `strace` sessions, so nothing here depends on how the adapter words its log.
 * It also tells `Recordings` when the debugger leaves a stop, for the current-line highlight.
 */
import * as vscode from 'vscode';
import { appendFileSync } from 'node:fs';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Recordings } from './recordings';

const PROGRAM_OUTPUT = new Set(['stdout', 'stderr']);
/** For diagnosing the extension: every DAP message but event batches, appended to this file. */
const DAP_LOG = process.env.SYSCALL_LENS_DAP_LOG;

function traceDap(direction: string, message: DebugProtocol.ProtocolMessage): void {
  if (!DAP_LOG || (message as DebugProtocol.Event).event === 'syscallLens.events') return;
  appendFileSync(DAP_LOG, `${new Date().toISOString().slice(11, 23)} ${direction} ${JSON.stringify(message).slice(0, 400)}\n`);
}
const STEP_COMMANDS = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'goto']);

export class EngineLog implements vscode.DebugAdapterTrackerFactory, vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Syscall Lens');

  constructor(private readonly recordings: Recordings) {}

  line(text: string): void {
    const time = new Date().toISOString().slice(11, 23);
    for (const part of text.replace(/\n$/, '').split('\n')) this.channel.appendLine(`[${time}] ${part}`);
  }

  createDebugAdapterTracker(session: vscode.DebugSession): vscode.DebugAdapterTracker {
    const label = session.name;
    return {
      onWillStartSession: () => this.line(`session "${label}" starting: ${describe(session.configuration)}`),
      onWillReceiveMessage: (message: DebugProtocol.ProtocolMessage) => {
        traceDap('→', message);
        const request = message as DebugProtocol.Request;
        if (request.type === 'request' && STEP_COMMANDS.has(request.command)) this.recordings.continued(session.id);
      },
      onDidSendMessage: (message: DebugProtocol.ProtocolMessage) => {
        traceDap('←', message);
        if (message.type === 'event') {
          const event = message as DebugProtocol.Event;
          if (event.event === 'output') {
            const body = (event as DebugProtocol.OutputEvent).body;
            if (!PROGRAM_OUTPUT.has(body.category ?? 'console') && body.category !== 'telemetry') this.line(body.output);
          } else if (event.event === 'continued') {
            this.recordings.continued(session.id);
          } else if (event.event === 'syscallLens.runState') {
            const state = event.body as { state?: string; message?: string; exitCode?: number | null; runDir?: string };
            this.line(`run ${state.state ?? '?'}${state.message ? `: ${state.message}` : ''}${state.exitCode !== undefined ? ` (exit code ${state.exitCode})` : ''}${state.runDir ? ` — run folder ${state.runDir}` : ''}`);
          } else if (event.event === 'syscallLens.buildDiagnostics') {
            const summary = (event.body as { summary?: string }).summary;
            if (summary) this.line(`build: ${summary}`);
          }
        } else if (message.type === 'response') {
          const response = message as DebugProtocol.Response;
          if (!response.success) this.line(`${response.command} failed: ${response.message ?? ''} ${JSON.stringify(response.body?.error?.format ?? '')}`);
        }
      },
      onError: (error: Error) => this.line(`adapter error: ${error.message}`),
      onExit: (code: number | undefined, signal: string | undefined) => this.line(`adapter exited${code !== undefined ? ` with ${code}` : ''}${signal ? ` (${signal})` : ''}`),
      onWillStopSession: () => this.line(`session "${label}" stopping`),
    };
  }

  dispose(): void {
    this.channel.dispose();
  }
}

function describe(config: vscode.DebugConfiguration): string {
  if (config.request === 'attach') return `open ${String(config.trace)}`;
  const target = typeof config.target === 'object' && config.target ? JSON.stringify(config.target) : 'this machine';
  return `trace ${String(config.program)} on ${target}`;
}
