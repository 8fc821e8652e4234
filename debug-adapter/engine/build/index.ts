/**
 * Builds the program on the target before a run: detects the language, checks the toolchain,
 * runs the compiler (or the user's own build command, or nothing for `build: false`), and
 * turns a failure into a `BuildFailedError` carrying diagnostics with file, line and column.
 * Returns the target path of the binary to trace and the folder holding the user's sources.
 */
import { posix } from 'node:path';
import type { BuildDiagnostic, BuildResult, RunHooks, Target } from '../types';
import { BuildFailedError, EngineError } from '../types';
import { checkToolchain } from '../preflight';
import { binaryName, buildCommandFor, cargoExecutable, type BuildCommand } from './commands';
import { detectProgram, type ProgramKind } from './detect';
import { parseGccDiagnostics, parseGoDiagnostics, parseRustDiagnostics, summarize } from './diagnostics';

export interface BuildRequest {
  /** Source file, folder or binary: a target path. */
  program: string;
  build: 'auto' | false | string;
  /** Target folder for outputs (created if missing). */
  buildDir: string;
}

export interface BuiltProgram {
  result: BuildResult;
  /** Target path of the binary to run. */
  binary: string;
  /** Target folder holding the user's sources (the program's folder). */
  sourceRoot: string;
  kind: ProgramKind;
}

function parseDiagnostics(kind: BuildCommand['diagnostics'] | 'all', output: string, cwd: string, target: Target): BuildDiagnostic[] {
  const parsed = kind === 'gcc' ? parseGccDiagnostics(output, cwd)
    : kind === 'go' ? parseGoDiagnostics(output, cwd)
      : kind === 'rust' ? parseRustDiagnostics(output, cwd)
        : [...parseGccDiagnostics(output, cwd), ...parseGoDiagnostics(output, cwd), ...parseRustDiagnostics(output, cwd)];
  return parsed.map((d) => ({ ...d, file: target.toLocalPath(d.file) }));
}

async function run(target: Target, argv: string[], cwd: string, env: Record<string, string> | undefined, hooks: RunHooks) {
  hooks.log?.(`build: ${argv.join(' ')} (in ${cwd})`);
  return target.exec(argv, { cwd, env, timeoutMs: 10 * 60_000 });
}

function fail(result: BuildResult): never {
  throw new BuildFailedError(result);
}

async function customBuild(target: Target, kind: ProgramKind, command: string, hooks: RunHooks): Promise<BuiltProgram> {
  const argv = ['sh', '-c', command];
  const exec = await run(target, argv, kind.dir, undefined, hooks);
  const output = exec.stdout + exec.stderr;
  const diagnostics = parseDiagnostics('all', output, kind.dir, target);
  const result: BuildResult = { ok: exec.code === 0, language: 'custom', command: argv, diagnostics, summary: '', output };
  if (!result.ok) fail({ ...result, summary: summarize(diagnostics, output, exec.code) });
  // The user's command decides where the binary goes: the program itself when it is one,
  // else a file named like the source (or folder) beside it, as `make hello` would leave.
  const binary = kind.mode === 'binary' ? kind.path : posix.join(kind.dir, binaryName(kind));
  if (!(await target.exists(binary))) {
    throw new EngineError('build-no-binary', `The build command "${command}" succeeded but left no ${binary} to run.`,
      `Make the build produce ${binary}, or point "program" at the binary it builds.`);
  }
  return { result: { ...result, binary, summary: 'build succeeded' }, binary, sourceRoot: kind.dir, kind };
}

export async function buildProgram(target: Target, request: BuildRequest, hooks: RunHooks = {}): Promise<BuiltProgram> {
  const kind = await detectProgram(target, request.program);
  if (typeof request.build === 'string' && request.build !== 'auto') return customBuild(target, kind, request.build, hooks);
  if (kind.mode === 'binary' || request.build === false) {
    if (kind.mode !== 'binary' && kind.mode !== 'file') {
      throw new EngineError('not-a-binary', `With "build": false, "program" must be a binary, not the folder ${kind.dir}.`, 'Point "program" at the built binary, or remove "build": false.');
    }
    const binary = kind.path;
    const result: BuildResult = { ok: true, binary, language: 'binary', command: [], diagnostics: [], summary: 'not built', output: '' };
    return { result, binary, sourceRoot: kind.dir, kind };
  }
  const command = buildCommandFor(kind, request.buildDir);
  await checkToolchain(target, command.tool, kind.language);
  await target.exec(['mkdir', '-p', request.buildDir]);
  const exec = await run(target, command.argv, command.cwd, command.env, hooks);
  // Cargo prints JSON on stdout and the human diagnostics on stderr.
  const output = command.tool === 'cargo' ? exec.stderr : exec.stdout + exec.stderr;
  const diagnostics = parseDiagnostics(command.diagnostics, output, command.cwd, target);
  const base = { language: kind.language, command: command.argv, diagnostics, output };
  if (exec.code !== 0) fail({ ok: false, ...base, summary: summarize(diagnostics, output, exec.code) });
  const binary = command.binary ?? cargoExecutable(exec.stdout);
  if (!binary || !(await target.exists(binary))) {
    fail({ ok: false, ...base, summary: `the build reported success but produced no binary (${binary ?? 'none reported'})` });
  }
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const summary = warnings ? `built with ${warnings} warning${warnings === 1 ? '' : 's'}` : 'build succeeded';
  return { result: { ok: true, binary, ...base, summary }, binary, sourceRoot: kind.dir, kind };
}
