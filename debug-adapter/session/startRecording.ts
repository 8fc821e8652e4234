/**
 * From a launch or attach configuration to a RunHandle: `launch` builds and starts the program
 * under strace (the engine's `startRun`), opening a terminal relay first for
 * `console: integratedTerminal`; `attach` reopens a saved run or strace log (`openRecording`).
 * Failures become one message for the user (with the engine's fix) plus, for a failed build,
 * the compiler's diagnostics.
 */
import * as path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { openRecording, startRun } from '../engine/index';
import { BuildFailedError, EngineError, type RunHandle } from '../engine/types';
import type { AttachArguments, BuildDiagnosticsBody, LaunchArguments, RunStateBody } from '../protocol';
import { LaunchConfigError, runOptionsOf } from './launchOptions';
import { OutputRouter, type RunSessionEvents } from './runSession';
import { TerminalRelay } from './terminalRelay';

export type Config =
  | { kind: 'launch'; args: LaunchArguments & DebugProtocol.LaunchRequestArguments }
  | { kind: 'attach'; args: AttachArguments & DebugProtocol.AttachRequestArguments };

export interface StartContext {
  canRunInTerminal: boolean;
  events: Pick<RunSessionEvents, 'output'>;
  runInTerminal(args: DebugProtocol.RunInTerminalRequestArguments): void;
  runState(body: RunStateBody): void;
}

export interface Started {
  handle: RunHandle;
  relay: TerminalRelay | undefined;
}

export async function startRecording(config: Config, ctx: StartContext): Promise<Started> {
  if (config.kind === 'attach') {
    if (!config.args.trace) throw new LaunchConfigError('"trace" is missing: set it to a run folder or an strace log file.');
    const hooks = new OutputRouter(ctx.events, undefined).hooks();
    return { handle: await openRecording(path.resolve(config.args.trace), { sourceRoots: config.args.sourceRoots, sourceMap: config.args.sourceMap }, hooks), relay: undefined };
  }
  const options = runOptionsOf(config.args);
  const wantTerminal = config.args.console === 'integratedTerminal';
  if (wantTerminal && !ctx.canRunInTerminal) {
    ctx.events.output('[syscall-lens] this client cannot open a terminal; the program\'s output goes to the Debug Console.\n', 'important');
  }
  const relay = wantTerminal && ctx.canRunInTerminal ? new TerminalRelay() : undefined;
  try {
    if (relay) {
      const { args, env } = relay.terminalArgs();
      ctx.runInTerminal({ kind: 'integrated', title: path.basename(options.program), cwd: options.cwd ?? path.dirname(options.program), args, env });
    }
    ctx.runState({ state: 'building', program: options.program });
    const handle = await startRun(options, new OutputRouter(ctx.events, relay).hooks());
    if (relay) relay.attachStdin(handle.stdin);
    else handle.stdin?.end(); // the Debug Console cannot type into the program: give it EOF, not a hang
    return { handle, relay };
  } catch (e) {
    relay?.dispose();
    throw e;
  }
}

/** End `text` as a sentence: a compiler's summary ("expected ';' before 'return'") has no full stop. */
function asSentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The user's message for a failed start, and the diagnostics of a failed build. */
export function describeStartFailure(e: unknown): { message: string; build?: BuildDiagnosticsBody; buildOutput?: string } {
  const message = e instanceof EngineError ? (e.fix ? `${asSentence(e.message)} ${e.fix}` : e.message) : e instanceof LaunchConfigError ? e.message : `Could not start: ${(e as Error).message}`;
  if (e instanceof BuildFailedError) {
    return { message, build: { diagnostics: e.build.diagnostics, summary: e.build.summary }, buildOutput: e.build.output };
  }
  return { message };
}
