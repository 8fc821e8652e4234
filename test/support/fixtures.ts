/**
 * Helpers shared by the engine and CLI suites: copies of fixture programs in temp folders
 * that are always removed, marker lookup (`// #OPEN` → line number, never hard-coded), and
 * /proc checks for processes left behind.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const FIXTURES = resolve(__dirname, '../fixtures/programs');

/** A temp folder removed by `cleanup()` (call it from `after`). */
export class TempDirs {
  private readonly dirs: string[] = [];

  make(prefix = 'syscall-lens-test-'): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  /** Copies `test/fixtures/programs/<relative>` (file or folder) into a fresh temp folder; returns the copy's path. */
  fixture(relative: string): string {
    const dir = this.make();
    const target = join(dir, relative.split('/').pop() ?? relative);
    cpSync(join(FIXTURES, relative), target, { recursive: true });
    return target;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/** 1-based line of the marker comment (`#OPEN`) in a source file; throws if absent or repeated. */
export function markerLine(file: string, marker: string): number {
  const pattern = new RegExp(`//\\s*${marker}\\b`);
  const hits = readFileSync(file, 'utf8').split('\n').flatMap((text, i) => (pattern.test(text) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`marker ${marker} found ${hits.length} times in ${file}`);
  return hits[0];
}

/** Every marker in a file: name → line. */
export function markers(file: string): Map<string, number> {
  const out = new Map<string, number>();
  readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
    const m = /\/\/\s*#([A-Z_0-9]+)/.exec(text);
    if (m) out.set(m[1], i + 1);
  });
  return out;
}

function procState(pid: string): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

/** Live (non-zombie) pids whose executable is `exe`. */
export function livePidsOf(exe: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readlinkSync(`/proc/${name}/exe`) !== exe) continue;
    } catch {
      continue;
    }
    const state = procState(name);
    if (state && state !== 'Z' && state !== 'X') out.push(Number(name));
  }
  return out;
}

/** Live pids whose command line contains `needle` (e.g. a run folder path on strace's command line). */
export function livePidsWithArg(needle: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(needle)) continue;
    } catch {
      continue;
    }
    const state = procState(name);
    if (state && state !== 'Z' && state !== 'X') out.push(Number(name));
  }
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Points XDG_CACHE_HOME at a temp folder, so builds and run folders made by a suite are
 * removed with it instead of piling up in ~/.cache. Returns the function that restores it.
 */
export function isolateCache(temp: TempDirs): () => void {
  const original = { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, GOCACHE: process.env.GOCACHE };
  // Go keeps its build cache under XDG_CACHE_HOME too: keep using the warm one.
  process.env.GOCACHE = goCache();
  process.env.XDG_CACHE_HOME = temp.make('syscall-lens-cache-');
  return () => {
    for (const [name, value] of Object.entries(original)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/** The Go build cache in use now (GOCACHE, else under XDG_CACHE_HOME or ~/.cache). */
export function goCache(): string {
  if (process.env.GOCACHE) return process.env.GOCACHE;
  const cache = process.env.XDG_CACHE_HOME?.startsWith('/') ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cache, 'go-build');
}
