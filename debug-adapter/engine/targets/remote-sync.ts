/**
 * `sync: true`: uploads a local folder to a work directory on the target as a tar stream over
 * the SSH connection (no rsync, no scp, nothing to install). The work directory is stable per
 * local folder (`~/.cache/syscall-lens/sync/NAME-HASH` on the target), is emptied before each
 * upload except for `target/` (so cargo keeps its incremental build), and `.git`,
 * `node_modules` and a top-level `target/` are not sent.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { basename, resolve } from 'node:path';
import { EngineError } from '../types';
import { quoteWord } from './remote-quote';
import type { SshConnection } from './ssh-connection';

export function syncDirName(localDir: string): string {
  const abs = resolve(localDir);
  const name = basename(abs).replace(/[^A-Za-z0-9._-]/g, '_') || 'root';
  return `${name}-${createHash('sha256').update(abs).digest('hex').slice(0, 10)}`;
}

export async function uploadFolder(connection: SshConnection, localDir: string, remoteHome: string, description: string): Promise<string> {
  if (!remoteHome.startsWith('/')) throw new EngineError('sync-failed', `Could not find the home folder on ${description} to upload to.`);
  const remoteDir = `${remoteHome}/.cache/syscall-lens/sync/${syncDirName(localDir)}`;
  const q = quoteWord(remoteDir);
  const unpack = `mkdir -p ${q} && cd ${q} && find . -mindepth 1 -maxdepth 1 ! -name target -exec rm -rf {} + && tar -xf -`;
  const remote = connection.spawn(unpack);
  // COPYFILE_DISABLE: macOS tar would otherwise add ._ resource files.
  const local = spawn('tar', ['-C', resolve(localDir), '--exclude=.git', '--exclude=node_modules', '--exclude=./target', '-cf', '-', '.'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, COPYFILE_DISABLE: '1' },
  });
  let localErr = '';
  let remoteErr = '';
  local.stderr.on('data', (c: Buffer) => { localErr += c.toString('utf8'); });
  remote.stderr.on('data', (c: Buffer) => { remoteErr += c.toString('utf8'); });
  remote.stdin.on('error', () => { /* reported by the exit code */ });
  local.stdout.pipe(remote.stdin);
  const localFailed = new Promise<never>((_, reject) => local.once('error', reject));
  const [[localCode], [remoteCode]] = (await Promise.race([
    Promise.all([once(local, 'close'), once(remote, 'close')]),
    localFailed,
  ])) as [[number | null], [number | null]];
  if (localCode !== 0 || remoteCode !== 0) {
    throw new EngineError(
      'sync-failed',
      `Uploading ${localDir} to ${description}:${remoteDir} failed: ${(localErr + remoteErr).trim() || `tar exited ${localCode}/${remoteCode}`}`,
      'Check that tar exists on the target and that its disk is not full.',
    );
  }
  return remoteDir;
}
