/**
 * Makes sure dist/syscall-lens.vsix is the current build before a test installs it: `npm test`
 * runs a development build, so the first e2e file packages a production VSIX (`npm run
 * package`) and later files, finding it newer than every bundle, reuse it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function ensureVsix(repo: string, vsix: string): void {
  const inputs = [join(repo, 'package.json'), ...readdirSync(join(repo, 'dist')).filter((f) => f.endsWith('.js') || f.endsWith('.css')).map((f) => join(repo, 'dist', f))];
  const newest = Math.max(...inputs.filter(existsSync).map((f) => statSync(f).mtimeMs));
  if (existsSync(vsix) && statSync(vsix).mtimeMs >= newest) return;
  const res = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repo, encoding: 'utf8' });
  if (res.status !== 0 || !existsSync(vsix)) throw new Error(`npm run package failed:\n${res.stdout}\n${res.stderr}`);
}
