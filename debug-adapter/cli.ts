/**
 * `syscall-lens`, the headless front end over the engine (bundled to dist/cli.js). `trace`
 * builds and traces a program and prints its syscalls live with the source line of each;
 * `show` prints a saved run or any strace log. The program's own output goes to stderr (each
 * line marked, unmarked with `--json`), so the timeline on stdout stays clean and pure NDJSON. The
 * exit status is the traced program's, or 2 when something failed before it ran.
 */
import { Writable } from 'node:stream';
import { openRecording, startRun, EngineError, BuildFailedError } from './engine';
import type { RunEnd, RunHandle, RunHooks } from './engine';
import { parseCli, USAGE, UsageError, type ShowCommand, type TraceCommand } from './cli/args';
import { EventPrinter } from './cli/printer';
import { SourceLines } from './cli/source-lines';
import { ProgramOutput } from './cli/program-output';

const FAILED_BEFORE_RUN = 2;

function hooksFor(verbose: boolean, output: ProgramOutput): RunHooks {
  return {
    log: verbose ? (line) => process.stderr.write(`[engine] ${line}\n`) : undefined,
    progress: verbose ? (phase, message) => process.stderr.write(`[${phase}] ${message}\n`) : undefined,
    warning: (message) => process.stderr.write(`warning: ${message}\n`),
    straceMessage: (line) => process.stderr.write(`[strace] ${line}\n`),
    stdout: (chunk) => output.write('stdout', chunk),
    stderr: (chunk) => output.write('stderr', chunk),
  };
}

function printerFor(handle: RunHandle, json: boolean): EventPrinter {
  const sources = new SourceLines();
  return new EventPrinter(handle.model, process.stdout, json, {
    colour: !json && process.stdout.isTTY === true && !process.env.NO_COLOR,
    cwd: process.cwd(),
    sourceLine: (path, line) => sources.line(path, line),
  });
}

/** Exit status for a finished run: the program's code, 128+signal when killed. */
function exitStatus(end: RunEnd): number {
  if (end.reason === 'strace-failed') {
    process.stderr.write(`syscall-lens: strace could not run the program: ${end.message ?? 'no message'}\n`);
    return FAILED_BEFORE_RUN;
  }
  if (end.exitCode !== null) return end.exitCode;
  const signals: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15 };
  return 128 + (end.signal ? signals[end.signal] ?? 0 : 9);
}

async function trace(cmd: TraceCommand): Promise<number> {
  const output = new ProgramOutput(process.stderr, process.stderr.isTTY === true && !process.env.NO_COLOR, !cmd.json);
  const handle = await startRun({
    program: cmd.program,
    args: cmd.args,
    build: cmd.build,
    filter: cmd.filter,
    straceArgs: cmd.straceArgs,
    target: cmd.target,
    ...(cmd.cwd !== undefined ? { cwd: cmd.cwd } : {}),
    ...(cmd.runsDir !== undefined ? { runsDir: cmd.runsDir } : {}),
    ...(cmd.stringSize !== undefined ? { stringSize: cmd.stringSize } : {}),
  }, hooksFor(cmd.verbose, output));
  const printer = printerFor(handle, cmd.json);
  // Our stdin feeds the program; Ctrl-C stops the whole traced tree.
  if (handle.stdin) process.stdin.pipe(handle.stdin).on('error', () => undefined);
  const interrupt = () => { void handle.stop(); };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const end = await handle.done;
  process.stdin.unpipe();
  output.end();
  await printer.close();
  if (!cmd.json) process.stderr.write(`run saved in ${handle.runDir}\n`);
  return end.reason === 'stopped' ? 130 : exitStatus(end);
}

async function show(cmd: ShowCommand): Promise<number> {
  const handle = await openRecording(cmd.path, cmd.sourceRoots.length ? { sourceRoots: cmd.sourceRoots } : {},
    hooksFor(cmd.verbose, new ProgramOutput(process.stderr, false)));
  const printer = printerFor(handle, cmd.json);
  await handle.done;
  await printer.close();
  return 0;
}

function describeFailure(error: unknown): string {
  if (error instanceof BuildFailedError) {
    const lines = error.build.diagnostics.filter((d) => d.severity === 'error')
      .map((d) => `  ${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
    return [`syscall-lens: ${error.message}`, ...lines, error.build.diagnostics.length ? '' : error.build.output.trim()].filter(Boolean).join('\n');
  }
  if (error instanceof EngineError) return `syscall-lens: ${error.message}${error.fix ? `\n  fix: ${error.fix}` : ''}`;
  if (error instanceof UsageError) return `syscall-lens: ${error.message}\n\n${USAGE}`;
  return `syscall-lens: ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
}

async function main(argv: string[]): Promise<number> {
  try {
    const cmd = parseCli(argv);
    if (cmd.command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    return cmd.command === 'trace' ? await trace(cmd) : await show(cmd);
  } catch (error) {
    process.stderr.write(`${describeFailure(error)}\n`);
    return FAILED_BEFORE_RUN;
  }
}

/** Exit once stdout and stderr have been written out (process.exit would cut a piped write short). */
function flushAndExit(code: number): void {
  const flush = (stream: Writable) => new Promise<void>((resolve) => stream.write('', () => resolve()));
  void Promise.all([flush(process.stdout), flush(process.stderr)]).then(() => process.exit(code));
}

main(process.argv.slice(2)).then(flushAndExit, (error: unknown) => {
  process.stderr.write(`${describeFailure(error)}\n`);
  flushAndExit(FAILED_BEFORE_RUN);
});
