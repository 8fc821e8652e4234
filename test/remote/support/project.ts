/**
 * Temp folders for the remote suites, always removed: a program from `test/remote/programs`
 * copied into its own folder (as `main.c`), a runs folder, and marker lookups (`// #OPEN`),
 * so tests never hard-code line numbers.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RunMetadata } from '../../../debug-adapter/engine/types';

export const PROGRAMS = join(__dirname, '..', 'programs');

/**
 * What a run over SSH left on the target (this machine): its build folder and strace's
 * folder in /tmp (kept by the engine for reuse, or after a lost connection).
 */
export function targetLeftovers(runsDir: string): string[] {
  if (!existsSync(runsDir)) return [];
  const out: string[] = [];
  for (const run of readdirSync(runsDir)) {
    let metadata: RunMetadata;
    try {
      metadata = JSON.parse(readFileSync(join(runsDir, run, 'run.json'), 'utf8')) as RunMetadata;
    } catch {
      continue;
    }
    if (metadata.target.type === 'local') continue;
    const binary = metadata.build?.binary;
    if (binary?.startsWith('/tmp/syscall-lens-builds/')) out.push(dirname(binary));
    const traceFile = metadata.straceCommand[metadata.straceCommand.indexOf('-o') + 1];
    if (traceFile?.startsWith('/tmp/syscall-lens-run-')) out.push(dirname(traceFile));
  }
  return out;
}

export class Scratch {
  private readonly dirs: string[] = [];
  private readonly runsDirs: string[] = [];

  /** A runs folder; at cleanup, what its runs left on the target goes too. */
  runs(): string {
    const dir = this.dir('sl-runs-');
    this.runsDirs.push(dir);
    return dir;
  }

  dir(prefix = 'sl-remote-'): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  /** `programs/NAME` copied to `<fresh dir>/<sub>/main.c`; returns the copy's path. */
  program(name: string, sub = 'project'): string {
    const folder = join(this.dir(), sub);
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'main.c');
    copyFileSync(join(PROGRAMS, name), file);
    return file;
  }

  /** Removes a path outside the scratch dirs too (e.g. a sync folder) at cleanup. */
  track(path: string): void {
    this.dirs.push(path);
  }

  cleanup(): void {
    const parents = new Set<string>();
    for (const runs of this.runsDirs.splice(0)) {
      for (const dir of targetLeftovers(runs)) {
        rmSync(dir, { recursive: true, force: true });
        parents.add(dirname(dir));
      }
    }
    // The engine's /tmp/syscall-lens-builds on the target (this machine) goes too once empty;
    // a folder still holding another run's builds stays.
    for (const parent of parents) {
      if (parent === '/tmp/syscall-lens-builds') {
        try { rmdirSync(parent); } catch { /* not empty, or already gone */ }
      }
    }
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

export function markerLine(file: string, marker: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const hits = lines.flatMap((text, i) => (text.includes(`// #${marker}`) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`marker #${marker} found ${hits.length} times in ${file}`);
  return hits[0];
}
