/**
 * Where a local run's build goes: `$XDG_CACHE_HOME/syscall-lens/builds/HASH` (else
 * `~/.cache/…`), one folder per program path, reused between runs. After each build the
 * folder records its program in a `.source` file, and folders whose program no longer exists
 * are removed: builds of deleted projects and of programs in temp folders (scratch files,
 * test workspaces) would otherwise pile up in the cache, one folder per path. Folders without
 * a `.source` (made before it existed) are left alone: nothing says they are stale.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const SOURCE_FILE = '.source';

/** The key of a program's build folder: its path, hashed. */
export function buildKey(program: string): string {
  return createHash('sha256').update(program).digest('hex').slice(0, 16);
}

export function localBuildsRoot(): string {
  const cache = process.env.XDG_CACHE_HOME?.startsWith('/') ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(cache, 'syscall-lens', 'builds');
}

/** The build folder of `program` (an absolute path); created by the build when it compiles. */
export function localBuildDir(program: string): string {
  return join(localBuildsRoot(), buildKey(program));
}

/**
 * After a build (failed ones too): records the program in its folder, if the build made one
 * (a binary or `build: false` makes none), and prunes the folders of programs that are gone.
 */
export async function recordBuildDir(dir: string, program: string): Promise<void> {
  try {
    if ((await fs.stat(dir)).isDirectory()) await fs.writeFile(join(dir, SOURCE_FILE), program);
  } catch {
    // No folder: nothing to record.
  }
  await pruneStaleBuildDirs(localBuildsRoot(), dir);
}

/** Removes the build folders under `root` whose recorded program is gone; never `keep`. */
export async function pruneStaleBuildDirs(root: string, keep: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(root);
  } catch {
    return;
  }
  await Promise.all(names.map(async (name) => {
    const dir = join(root, name);
    if (dir === keep) return;
    let program: string;
    try {
      program = await fs.readFile(join(dir, SOURCE_FILE), 'utf8');
    } catch {
      return;
    }
    if (!program.startsWith('/')) return;
    try {
      await fs.access(program);
    } catch (error) {
      // Only a program that is surely gone; a folder we may not read says nothing.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }));
}
