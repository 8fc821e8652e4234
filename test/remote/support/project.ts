/**
 * Temp folders for the remote suites, always removed: a program from `test/remote/programs`
 * copied into its own folder (as `main.c`), a runs folder, and marker lookups (`// #OPEN`),
 * so tests never hard-code line numbers.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROGRAMS = join(__dirname, '..', 'programs');

export class Scratch {
  private readonly dirs: string[] = [];

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
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

export function markerLine(file: string, marker: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const hits = lines.flatMap((text, i) => (text.includes(`// #${marker}`) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`marker #${marker} found ${hits.length} times in ${file}`);
  return hits[0];
}
