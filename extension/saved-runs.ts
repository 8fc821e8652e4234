/**
 * Lists the run folders kept by the engine (each holds `trace.strace` and `run.json`), newest
 * first, for "Open Saved Run…". A folder with a missing or broken run.json is still listed by
 * its name, since its trace can be opened anyway.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

export interface SavedRun {
  dir: string;
  program: string;
  /** "2026-11-23 12:34 · exit 0" */
  when: string;
  startedAt: number;
}

export async function listRuns(runsDir: string): Promise<SavedRun[]> {
  let names: string[];
  try {
    names = await readdir(runsDir);
  } catch {
    return [];
  }
  const runs: SavedRun[] = [];
  for (const name of names) {
    const dir = join(runsDir, name);
    try {
      if (!(await stat(join(dir, 'trace.strace'))).isFile()) continue;
    } catch {
      continue;
    }
    let program = name;
    let startedAt = (await stat(dir)).mtimeMs;
    let exit = '';
    try {
      const meta = JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')) as { program?: unknown; startedAt?: unknown; exitCode?: unknown };
      if (typeof meta.program === 'string') program = basename(meta.program);
      if (typeof meta.startedAt === 'string' && !Number.isNaN(Date.parse(meta.startedAt))) startedAt = Date.parse(meta.startedAt);
      if (typeof meta.exitCode === 'number') exit = ` · exit ${meta.exitCode}`;
    } catch {
      // No metadata: the trace alone is still worth opening.
    }
    const when = new Date(startedAt).toISOString().slice(0, 16).replace('T', ' ');
    runs.push({ dir, program, when: when + exit, startedAt });
  }
  return runs.sort((a, b) => b.startedAt - a.startedAt);
}
