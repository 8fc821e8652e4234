/**
 * Run folders: every run keeps its raw `trace.strace` and its `run.json` (RunMetadata) in a
 * folder under the runs directory, so it can be reopened later without running anything.
 * `openRecording` replays a run folder or any strace log through the parser and the Recorder;
 * binaries that still exist on this machine are symbolized through a LocalTarget.
 */
import { createReadStream, promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { StraceParser } from 'strace-parser';
import { Recorder } from './recorder';
import { LocalTarget } from './targets/local';
import type { RunEnd, RunHandle, RunHooks, RunMetadata } from './types';
import { EngineError } from './types';

export const TRACE_FILE = 'trace.strace';
export const METADATA_FILE = 'run.json';

export interface OpenRecordingOptions {
  /** Local folders whose files are the user's code (default: the run's, else the log's folder). */
  sourceRoots?: string[];
  /** Recorded prefix → local prefix. */
  sourceMap?: Record<string, string>;
}

/** `$XDG_CACHE_HOME/syscall-lens/runs`, else `~/.cache/syscall-lens/runs`. */
export function defaultRunsDir(): string {
  const cache = process.env.XDG_CACHE_HOME && process.env.XDG_CACHE_HOME.startsWith('/') ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cache, 'syscall-lens', 'runs');
}

/** `2026-11-23T12-30-01-files-3fa2`: sortable by time, readable, unique. */
export function newRunId(program: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-');
  const name = basename(program).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'program';
  return `${stamp}-${name}-${randomBytes(2).toString('hex')}`;
}

export async function createRunFolder(runsDir: string, id: string): Promise<string> {
  const dir = join(resolve(runsDir), id);
  await fs.mkdir(dir, { recursive: true });
  return dir;
}

export async function writeMetadata(runDir: string, metadata: RunMetadata): Promise<void> {
  const file = join(runDir, METADATA_FILE);
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify(metadata, null, 2)}\n`);
  await fs.rename(`${file}.tmp`, file); // a reader never sees half a file
}

async function readMetadata(file: string): Promise<RunMetadata | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as RunMetadata;
    return parsed && parsed.version === 1 ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The trace file and metadata for a run folder, a run's trace.strace, or any log. */
async function locate(path: string): Promise<{ runDir: string; trace: string; metadata: RunMetadata | undefined }> {
  const absolute = resolve(path);
  let stat;
  try {
    stat = await fs.stat(absolute);
  } catch {
    throw new EngineError('recording-missing', `There is no run folder or strace log at ${absolute}.`, 'Check the path: a run folder holds trace.strace and run.json.');
  }
  if (stat.isDirectory()) {
    const trace = join(absolute, TRACE_FILE);
    if (!(await fs.stat(trace).catch(() => undefined))) {
      throw new EngineError('recording-missing', `${absolute} is not a run folder: it has no ${TRACE_FILE}.`, 'Open a run folder (it holds trace.strace and run.json) or a strace log file.');
    }
    return { runDir: absolute, trace, metadata: await readMetadata(join(absolute, METADATA_FILE)) };
  }
  const metadata = basename(absolute) === TRACE_FILE ? await readMetadata(join(dirname(absolute), METADATA_FILE)) : undefined;
  return { runDir: dirname(absolute), trace: absolute, metadata };
}

function metadataForLog(trace: string, sourceRoots: string[]): RunMetadata {
  return { version: 1, id: basename(trace), program: trace, args: [], target: { type: 'local' }, build: null, sourceRoots, startedAt: new Date(0).toISOString(), straceCommand: [] };
}

/** Replays a saved run or any strace log; nothing runs. */
export async function openRecording(path: string, options: OpenRecordingOptions = {}, hooks: RunHooks = {}): Promise<RunHandle> {
  const found = await locate(path);
  const sourceRoots = options.sourceRoots ?? found.metadata?.sourceRoots ?? [found.runDir];
  const sourceMap = options.sourceMap ?? found.metadata?.sourceMap ?? {};
  const metadata: RunMetadata = { ...(found.metadata ?? metadataForLog(found.trace, sourceRoots)), sourceRoots, sourceMap };
  const target = new LocalTarget(sourceMap);
  const recorder = new Recorder({ target, sourceRoots, hooks });
  const parser = new StraceParser();
  const stream = createReadStream(found.trace);
  let cancelled = false;

  const done = (async (): Promise<RunEnd> => {
    try {
      try {
        for await (const chunk of stream) recorder.push(parser.push(chunk as Buffer));
      } catch (error) {
        if (!cancelled) throw error; // destroying the stream to cancel ends the loop with an error
      }
      recorder.push(parser.end());
      await recorder.finish();
    } finally {
      await recorder.dispose();
      await target.dispose();
    }
    if (cancelled) return { exitCode: null, reason: 'stopped', message: 'loading was cancelled' };
    const exitCode = found.metadata?.exitCode ?? firstExitCode(recorder);
    return { exitCode, reason: 'exited' };
  })();
  done.catch(() => undefined);

  return {
    metadata,
    runDir: found.runDir,
    model: recorder.model,
    stdin: undefined,
    done,
    stop: async () => {
      cancelled = true;
      stream.destroy();
      await done.catch(() => undefined);
    },
  };
}

/** Exit code of the first process in the recording, when it exited normally. */
function firstExitCode(recorder: Recorder): number | null {
  const first = recorder.model.processes()[0];
  return first?.exit?.code ?? null;
}
