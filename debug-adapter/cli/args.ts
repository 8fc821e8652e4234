/**
 * Command-line parsing for `syscall-lens`: `trace PROGRAM [options] [-- ARGS…]` and
 * `show RUN_OR_STRACE_FILE [options]`. Everything after `--` goes to the traced program
 * untouched. Target flags are handed to `target-flags.ts`. Errors are `UsageError`s whose
 * message says what was wrong; the CLI prints them with the usage and exits 2.
 */
import type { TargetSpec } from '../engine/types';
import { applyTargetFlag, emptyTargetFlags, isTargetFlag, targetSpecFrom, TargetFlagError } from './target-flags';

export class UsageError extends Error {}

export const USAGE = `Usage:
  syscall-lens trace PROGRAM [--json] [--filter SPEC] [options] [-- ARGS…]
  syscall-lens show RUN_OR_STRACE_FILE [--json] [--source-root DIR]

Trace: builds PROGRAM (a .c/.cpp/.go/.rs file, a Go or Cargo folder, or a binary) with debug
info, runs it under strace and prints every syscall with the source line that made it.
Show: prints the same for a saved run folder or any strace log; nothing runs.

Options:
  --json              one JSON event per line (NDJSON) instead of the readable timeline
  --filter SPEC       record only these syscalls: names and classes, e.g. openat,%network (repeatable)
  --build CMD         build with this shell command (run in the program's folder)
  --no-build          run PROGRAM as it is
  --cwd DIR           the program's working directory (default: the program's folder)
  --runs-dir DIR      where run folders are kept (default ~/.cache/syscall-lens/runs)
  --string-size N     bytes of each string argument strace prints (default 256)
  --strace-arg ARG    an extra strace option (repeatable)
  --source-root DIR   (show) a folder holding the program's sources (repeatable)
  --verbose           print the engine's log on stderr
  --target T          local (default), ssh:HOST or vagrant[:MACHINE]
  --ssh-port N, --ssh-option OPT, --identity-file FILE, --sync, --remote-root DIR, --vagrant-dir DIR

Exit status: the traced program's, or 2 when something failed before it ran.`;

export interface TraceCommand {
  command: 'trace';
  program: string;
  args: string[];
  json: boolean;
  filter: string[];
  build: 'auto' | false | string;
  cwd?: string;
  runsDir?: string;
  stringSize?: number;
  straceArgs: string[];
  verbose: boolean;
  target: TargetSpec;
}

export interface ShowCommand {
  command: 'show';
  path: string;
  json: boolean;
  sourceRoots: string[];
  verbose: boolean;
}

export type CliCommand = TraceCommand | ShowCommand | { command: 'help' };

export function parseCli(argv: string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command !== 'trace' && command !== 'show') throw new UsageError(`Unknown command "${command}": use trace or show.`);
  const positional: string[] = [];
  let programArgs: string[] = [];
  const targetFlags = emptyTargetFlags();
  const o = { json: false, verbose: false, filter: [] as string[], straceArgs: [] as string[], sourceRoots: [] as string[] } as {
    json: boolean; verbose: boolean; filter: string[]; straceArgs: string[]; sourceRoots: string[];
    build?: 'auto' | false | string; cwd?: string; runsDir?: string; stringSize?: number;
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value.`);
      return v;
    };
    if (arg === '--') {
      programArgs = rest.slice(i + 1);
      break;
    }
    const kind = isTargetFlag(arg);
    if (kind) {
      try {
        applyTargetFlag(targetFlags, arg, kind === 'value' ? value() : undefined);
      } catch (error) {
        throw error instanceof TargetFlagError ? new UsageError(error.message) : error;
      }
      continue;
    }
    switch (arg) {
      case '--json': o.json = true; break;
      case '--verbose': o.verbose = true; break;
      case '--filter': o.filter.push(...value().split(',').map((s) => s.trim()).filter(Boolean)); break;
      case '--build': o.build = value(); break;
      case '--no-build': o.build = false; break;
      case '--cwd': o.cwd = value(); break;
      case '--runs-dir': o.runsDir = value(); break;
      case '--strace-arg': o.straceArgs.push(value()); break;
      case '--source-root': o.sourceRoots.push(value()); break;
      case '--string-size': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--string-size needs a positive whole number.');
        o.stringSize = n;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option ${arg}. Put the program's own options after --.`);
        positional.push(arg);
    }
  }
  if (command === 'show') {
    if (positional.length !== 1) throw new UsageError('show needs exactly one run folder or strace log.');
    return { command: 'show', path: positional[0], json: o.json, sourceRoots: o.sourceRoots, verbose: o.verbose };
  }
  if (positional.length === 0) throw new UsageError('trace needs a PROGRAM: a source file, a Go/Cargo folder or a binary.');
  let target: TargetSpec;
  try {
    target = targetSpecFrom(targetFlags);
  } catch (error) {
    throw error instanceof TargetFlagError ? new UsageError(error.message) : error;
  }
  return {
    command: 'trace',
    program: positional[0],
    // Words after PROGRAM before `--` are the program's too: `trace ./x a b` works as expected.
    args: [...positional.slice(1), ...programArgs],
    json: o.json,
    filter: o.filter,
    build: o.build ?? 'auto',
    ...(o.cwd !== undefined ? { cwd: o.cwd } : {}),
    ...(o.runsDir !== undefined ? { runsDir: o.runsDir } : {}),
    ...(o.stringSize !== undefined ? { stringSize: o.stringSize } : {}),
    straceArgs: o.straceArgs,
    verbose: o.verbose,
    target,
  };
}
