/**
 * Helpers shared by the engine-model, symbolize and fd-table tests: temp dirs that are always
 * removed, real compilers (gcc, go, rustc) with the engine's debug flags, a real
 * `strace -f -ttt -T -yy -k` run, the real parser, and a Recorder over the real LocalTarget.
 * Source lines are found by marker comments (`// #OPEN`), never by number.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'strace-parser';
import { Recorder } from '../../debug-adapter/engine/recorder';
import { LocalTarget } from '../../debug-adapter/engine/targets/local';
import type { TraceEvent, TraceModelView } from '../../debug-adapter/engine/types';

const run = promisify(execFile);
const CARGO_BIN = '/root/.cargo/bin';
const PATH = `${process.env.PATH ?? ''}:${CARGO_BIN}`;

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'syscall-lens-model-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export type Language = 'c' | 'go' | 'rust';

/** Writes `source` into `dir` and builds it with the engine's flags; returns the binary path. */
export async function compile(dir: string, language: Language, source: string, extraFlags: string[] = []): Promise<{ binary: string; sourcePath: string }> {
  const file = { c: 'main.c', go: 'main.go', rust: 'main.rs' }[language];
  const sourcePath = join(dir, file);
  const binary = join(dir, 'prog');
  await writeFile(sourcePath, source);
  const env = { ...process.env, PATH, GOCACHE: join(dir, '.gocache'), GOPATH: join(dir, '.gopath'), GO111MODULE: 'off' };
  if (language === 'c') await run('gcc', ['-g', '-O0', '-fno-omit-frame-pointer', ...extraFlags, '-o', binary, sourcePath, '-lpthread'], { cwd: dir });
  if (language === 'go') await run('go', ['build', '-gcflags=all=-N -l', ...extraFlags, '-o', binary, sourcePath], { cwd: dir, env });
  if (language === 'rust') await run('rustc', ['-g', '-C', 'force-frame-pointers=yes', ...extraFlags, '-o', binary, sourcePath], { cwd: dir, env });
  return { binary, sourcePath };
}

/** Runs the binary under real strace with the engine's flags; returns the trace text. */
export async function trace(dir: string, argv: string[], straceFlags = ['-f', '-ttt', '-T', '-yy', '-k', '-s', '256']): Promise<string> {
  const out = join(dir, 'trace.strace');
  await run('strace', [...straceFlags, '-o', out, ...argv], { cwd: dir, maxBuffer: 64 << 20 });
  return readFile(out, 'utf8');
}

export interface Recording {
  recorder: Recorder;
  model: TraceModelView;
  target: LocalTarget;
  /** Disposes the recorder and target. */
  close(): Promise<void>;
}

/** Parses a trace with the real parser and records it through a Recorder on the LocalTarget. */
export async function record(traceText: string, sourceRoots: string[], chunkLines = 200): Promise<Recording> {
  const target = new LocalTarget();
  const recorder = new Recorder({ target, sourceRoots });
  const records = parse(traceText);
  // Push in chunks, as a live run does.
  for (let i = 0; i < records.length; i += chunkLines) recorder.push(records.slice(i, i + chunkLines));
  await recorder.finish();
  return {
    recorder, model: recorder.model, target,
    close: async () => { await recorder.dispose(); await target.dispose(); },
  };
}

/** `// #NAME` markers → 1-based line numbers. */
export function markers(source: string): Map<string, number> {
  const out = new Map<string, number>();
  source.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(/\/\/ #([A-Z0-9_]+)/g)) out.set(m[1], i + 1);
  });
  return out;
}

export function allEvents(model: TraceModelView): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (let i = 0; i < model.length; i++) out.push(model.event(i));
  return out;
}

/** Events attributed to a marker's line, optionally of one syscall. */
export function eventsAt(model: TraceModelView, path: string, line: number, name?: string): TraceEvent[] {
  return allEvents(model).filter((e) => e.source?.path === path && e.source.line === line && (name === undefined || e.name === name));
}
