/**
 * `startRun`: from RunOptions to a live recording. Connects the target, runs the preflight
 * checks, builds the program, creates the run folder, and starts `strace -o FILE` in a new
 * session on the target. strace's file is followed as it grows (`TraceTail`) into the parser
 * and the Recorder, so events appear in the model while the program runs; the program's
 * stdout and stderr stream to the hooks apart from it. `stop()` kills the whole traced tree.
 */
import { promises as fs } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { StraceParser, type ExitRecord } from 'strace-parser';
import { buildProgram, type BuiltProgram } from './build';
import { buildKey, localBuildDir, recordBuildDir } from './run-build-dirs';
import { checkDebugInfo, checkStraceOnce } from './preflight';
import { Recorder } from './recorder';
import { createRunFolder, defaultRunsDir, newRunId, TRACE_FILE, writeMetadata } from './run-folder';
import { StderrSplitter } from './run-stderr-split';
import { straceArgv } from './run-strace-argv';
import { TraceTail } from './run-trace-tail';
import { createTarget } from './targets';
import type { RunEnd, RunHandle, RunHooks, RunMetadata, RunOptions, Target, TargetSpec, TraceEvent, TraceModelView } from './types';
import { EngineError } from './types';

/**
 * Builds live outside the run folders, one folder per program, reused between runs; locally
 * in the cache, where folders of programs that are gone are pruned (`run-build-dirs.ts`).
 */
function buildDirFor(target: Target, programOnTarget: string): string {
  if (target.spec.type === 'local') return localBuildDir(programOnTarget);
  return posix.join('/tmp', 'syscall-lens-builds', buildKey(programOnTarget));
}

async function build(target: Target, program: string, options: RunOptions, hooks: RunHooks): Promise<BuiltProgram> {
  const buildDir = buildDirFor(target, program);
  try {
    return await buildProgram(target, { program, build: options.build ?? 'auto', buildDir }, hooks);
  } finally {
    if (target.spec.type === 'local') await recordBuildDir(buildDir, program).catch(() => undefined);
  }
}

async function programOnTarget(target: Target, program: string, spec: TargetSpec): Promise<string> {
  if (spec.type === 'ssh' && spec.sync && target.uploadFolder) {
    const uploaded = await target.uploadFolder(posix.dirname(program));
    return posix.join(uploaded, posix.basename(program));
  }
  return target.toTargetPath(program);
}

export async function startRun(options: RunOptions, hooks: RunHooks = {}): Promise<RunHandle> {
  const spec: TargetSpec = options.target ?? { type: 'local' };
  // Paths in RunOptions are local; relative ones are relative to this process's folder.
  options = { ...options, program: resolve(options.program), cwd: options.cwd === undefined ? undefined : resolve(options.cwd) };
  const target = createTarget(spec, { sourceMap: options.sourceMap, log: hooks.log?.bind(hooks), program: options.program, localRoot: options.cwd });
  try {
    return await startOn(target, spec, options, hooks);
  } catch (error) {
    await target.dispose();
    throw error;
  }
}

async function startOn(target: Target, spec: TargetSpec, options: RunOptions, hooks: RunHooks): Promise<RunHandle> {
  hooks.progress?.('preflight', `Connecting to ${target.description}`);
  await target.connect();
  const capabilities = await checkStraceOnce(target, hooks);

  hooks.progress?.('build', `Building ${posix.basename(options.program)}`);
  const program = await programOnTarget(target, options.program, spec);
  const built = await build(target, program, options, hooks);
  if (built.result.language !== 'custom' || built.kind.mode !== 'binary') await checkDebugInfo(target, built.binary, hooks);

  hooks.progress?.('start', `Starting ${posix.basename(built.binary)} under strace`);
  const runDir = await createRunFolder(options.runsDir ?? defaultRunsDir(), newRunId(options.program));
  const local = spec.type === 'local';
  // Locally strace writes straight into the run folder; elsewhere into a target folder whose
  // bytes are copied into the run folder as they stream in.
  const targetRunDir = local ? runDir : await target.makeTempDir('syscall-lens-run-');
  const traceOnTarget = posix.join(targetRunDir, TRACE_FILE);
  await target.writeFile(traceOnTarget, '');
  const argv = straceArgv({
    traceFile: traceOnTarget,
    binary: built.binary,
    args: options.args ?? [],
    stringSize: options.stringSize ?? 256,
    filter: options.filter ?? [],
    straceArgs: options.straceArgs ?? [],
    capabilities,
  });
  const cwd = options.cwd ? target.toTargetPath(options.cwd) : built.sourceRoot;
  const sourceRoots = [target.toLocalPath(built.sourceRoot)];
  const metadata: RunMetadata = {
    version: 1,
    id: posix.basename(runDir),
    program: options.program,
    args: options.args ?? [],
    cwd,
    target: spec,
    build: { language: built.result.language, command: built.result.command, binary: built.binary },
    sourceRoots,
    sourceMap: options.sourceMap,
    startedAt: new Date().toISOString(),
    straceCommand: argv,
  };
  await writeMetadata(runDir, metadata);

  const recorder = new Recorder({ target, sourceRoots, hooks });
  const parser = new StraceParser();
  const localCopy = local ? undefined : await fs.open(join(runDir, TRACE_FILE), 'w');
  let copying: Promise<unknown> = Promise.resolve();
  const tail = new TraceTail(target, traceOnTarget, (chunk) => {
    if (localCopy) copying = copying.then(() => localCopy.write(chunk));
    recorder.push(parser.push(chunk));
  });

  hooks.log?.(`run: ${argv.join(' ')}`);
  const proc = target.spawn(argv, { cwd, env: options.env, detached: true });
  const straceLines: string[] = [];
  const stderr = new StderrSplitter(
    (chunk) => hooks.stderr?.(chunk),
    (line) => {
      straceLines.push(line);
      hooks.straceMessage?.(line);
    },
  );
  // Always consume the program's output, even with no listener, so it never blocks on a full pipe.
  proc.stdout.on('data', (chunk: Buffer) => hooks.stdout?.(chunk));
  proc.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  hooks.progress?.('running', `${posix.basename(built.binary)} is running (pid ${proc.pid ?? '?'})`);

  let stopped = false;
  const done = (async (): Promise<RunEnd> => {
    let exit: { code: number | null; signal: string | null };
    // A remote target rejects with 'connection-lost': the run ends, what arrived is kept.
    let lost: EngineError | undefined;
    try {
      exit = await proc.exited;
    } catch (error) {
      await tail.cancel();
      if (!(error instanceof EngineError && error.code === 'connection-lost')) throw error;
      lost = error;
      exit = { code: null, signal: null };
    } finally {
      stderr.end();
    }
    hooks.log?.(`strace exited (code ${exit.code}, signal ${exit.signal}); reading the rest of the trace`);
    if (!lost) {
      // strace waits for every tracee before it exits by itself; killed or crashed, it may
      // leave some behind, so then the tree is swept (a /proc scan costs ~0.1 s under load).
      if (exit.signal !== null || stopped) await proc.killTree('SIGKILL').catch(() => undefined);
      await tail.finish();
    }
    recorder.push(parser.end());
    if (!lost && !stopped) {
      await recorder.settled();
      const inferred = inferredExit(recorder.model);
      if (inferred) {
        hooks.log?.(`strace ended before reporting pid ${inferred.pid}'s exit; recorded it from its exit_group(${inferred.code})`);
        recorder.push([inferred]);
      }
    }
    await recorder.finish();
    hooks.log?.(`recording complete: ${recorder.model.length} events`);
    await copying;
    await localCopy?.close();
    const end: RunEnd = lost ? { exitCode: null, reason: 'connection-lost', message: lost.message } : runEnd(exit, stopped, recorder, straceLines);
    await writeMetadata(runDir, { ...metadata, endedAt: new Date().toISOString(), exitCode: end.exitCode, endReason: lost ? `connection-lost: ${lost.message}` : end.reason === 'exited' ? undefined : end.reason });
    await recorder.dispose();
    if (!local && !lost) await target.remove(targetRunDir).catch(() => undefined);
    await target.dispose();
    return end;
  })();
  done.catch(() => undefined);

  return {
    metadata,
    runDir,
    model: recorder.model,
    stdin: proc.stdin,
    done,
    stop: async () => {
      stopped = true;
      await proc.killTree('SIGKILL');
      await done.catch(() => undefined);
    },
  };
}

/**
 * The program's status comes from the recording (`+++ exited with N +++` of the first
 * process): strace's own exit status is the same in the normal case, but becomes 1 when
 * strace hit an error of its own (e.g. an unwinding failure on an exiting thread).
 */
function runEnd(exit: { code: number | null; signal: string | null }, stopped: boolean, recorder: Recorder, straceLines: string[]): RunEnd {
  if (stopped) return { exitCode: null, signal: exit.signal ?? undefined, reason: 'stopped' };
  if (recorder.model.length === 0 && exit.code !== 0) {
    return { exitCode: exit.code, reason: 'strace-failed', message: straceLines.join('\n') || `strace exited with code ${exit.code}` };
  }
  if (neverStarted(recorder, straceLines)) {
    return { exitCode: null, reason: 'strace-failed', message: straceLines.find((l) => l.startsWith('strace: exec:')) ?? 'the program could not be started (execve failed)' };
  }
  const firstProcess = recorder.model.processes()[0];
  const first = firstProcess?.exit;
  if (first) return { exitCode: first.code ?? null, signal: first.signal, reason: 'exited' };
  const requested = firstProcess ? lastExitGroup(recorder.model, firstProcess.pid) : undefined;
  if (requested) return { exitCode: requested.status, reason: 'exited' };
  return { exitCode: exit.code, signal: exit.signal ?? undefined, reason: 'exited' };
}

/**
 * The last `exit_group(N)` of a process and the status it asked for. Under load strace 6.1
 * with `-k` sometimes dies while unwinding a thread that exit_group already ended ("walk:
 * cannot initialize libunwind: No such process"), so the `+++ exited +++` line never comes;
 * the program itself still exits with N, and strace's own status (1) would be a lie.
 */
export function lastExitGroup(model: TraceModelView, pid: number): { event: TraceEvent; status: number } | undefined {
  for (let seq = model.length - 1; seq >= 0 && seq >= model.length - 10_000; seq--) {
    const event = model.event(seq);
    if (event.tgid !== pid || event.type !== 'syscall' || event.name !== 'exit_group' || event.record.kind !== 'syscall') continue;
    const status = /^\s*(-?\d+)/.exec(event.record.argsText);
    return status ? { event, status: Number(status[1]) & 0xff } : undefined;
  }
  return undefined;
}

/** The first process's exit, when strace ended without printing it but exit_group says it. */
export function inferredExit(model: TraceModelView): ExitRecord | undefined {
  const first = model.processes()[0];
  if (!first || first.exit) return undefined;
  const requested = lastExitGroup(model, first.pid);
  if (!requested) return undefined;
  return {
    kind: 'exit', how: 'exited', code: requested.status, pid: first.pid,
    time: requested.event.record.time, raw: '', lines: [],
    inferred: `strace ended before reporting this exit; the status is the one exit_group(${requested.status}) asked for`,
  };
}

/** The program's own execve failed (not executable, wrong format): it never ran. */
function neverStarted(recorder: Recorder, straceLines: string[]): boolean {
  if (straceLines.some((l) => l.startsWith('strace: exec:'))) return true;
  const model = recorder.model;
  if (model.length === 0) return false;
  const first = model.event(0);
  if (first.name !== 'execve' || first.errno === undefined) return false;
  for (let seq = 1; seq < model.length; seq++) {
    const e = model.event(seq);
    if (e.name === 'execve' && e.ret === 0) return false;
  }
  return true;
}
