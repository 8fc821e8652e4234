/**
 * Makes sure dist/syscall-lens.vsix holds the current code before a test installs it: when
 * any source, bundle or the manifest is newer than the VSIX (always the case right after
 * `npm test`'s development build), it runs `npm run package` (production build + vsce); later
 * test files, finding the VSIX newest, reuse it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const INPUT_FOLDERS = ['extension', 'debug-adapter', 'strace-parser/src', 'dist'];

function newestIn(path: string): number {
  let newest = 0;
  let entries: string[];
  try {
    entries = readdirSync(path);
  } catch {
    return 0;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name.endsWith('.vsix')) continue;
    const p = join(path, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestIn(p) : st.mtimeMs);
  }
  return newest;
}

export function ensureVsix(repo: string, vsix: string): void {
  const newest = Math.max(statSync(join(repo, 'package.json')).mtimeMs, ...INPUT_FOLDERS.map((f) => newestIn(join(repo, f))));
  if (existsSync(vsix) && statSync(vsix).mtimeMs >= newest) return;
  const res = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repo, encoding: 'utf8' });
  if (res.status !== 0 || !existsSync(vsix)) throw new Error(`npm run package failed:\n${res.stdout}\n${res.stderr}`);
}
