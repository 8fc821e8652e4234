/**
 * A real OpenSSH server for the remote tests: `sshd -D` on 127.0.0.1 and a free port, with a
 * generated host key, a generated client key, its own authorized_keys and a private
 * known_hosts, all in a temp dir that `stop()` removes. Options in `extraConfig` go into
 * sshd_config; `env` is set in every session (e.g. a PATH without strace). Sessions get SHLVL=1, so bash does not
 * source the tester's ~/.bashrc (bash skips it under sshd unless it is a top-level shell): on
 * the CI machine root's runs `pyenv init`, 300+ ms per session, and a rehash killed mid-way
 * leaves a lock that stalls every later shell for 60 s. `ssh-target.test.ts` covers a noisy,
 * slow login shell on purpose, through BASH_ENV. `killAll()` kills the server and every
 * connection it serves, as a crash or a dropped network would, to test connection loss.
 * `stop()` also kills whatever still runs in its sessions, so a failed test leaves nothing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { TargetSpec } from '../../../debug-adapter/engine/types';
import { descendants, killDescendants, processInfo } from './processes';

export interface TestSshd {
  port: number;
  dir: string;
  user: string;
  clientKey: string;
  knownHosts: string;
  /** A spec that connects with the generated key and known_hosts, nothing from ~/.ssh. */
  spec(extra?: Partial<Extract<TargetSpec, { type: 'ssh' }>>): Extract<TargetSpec, { type: 'ssh' }>;
  /** Pids of sshd processes serving connections right now (children of the listener). */
  connectionPids(): number[];
  killAll(): void;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function keygen(path: string): void {
  const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'syscall-lens-test', '-f', path]);
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr.toString()}`);
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}): ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on 127.0.0.1:${port}: ${log()}`);
}

/** `env` is set for every session (one SetEnv line: sshd keeps only the first). */
export async function startSshd(extraConfig: string[] = [], env: Record<string, string> = {}): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'sl-sshd-'));
  const port = await freePort();
  const user = userInfo().username;
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'client_key'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
  const hostPub = readFileSync(join(dir, 'host_key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:${port} ${hostPub}\n`);
  writeFileSync(join(dir, 'sshd_config'), [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${join(dir, 'host_key')}`, 'PidFile none',
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, 'UsePAM no', 'PasswordAuthentication no',
    'KbdInteractiveAuthentication no', 'PermitRootLogin prohibit-password', 'StrictModes no',
    `AllowUsers ${user}`, 'LogLevel ERROR', `SetEnv ${Object.entries({ SHLVL: '1', ...env }).map(([k, v]) => `${k}=${v}`).join(' ')}`, ...extraConfig, '',
  ].join('\n'));
  // As root, sshd needs its privilege-separation directory.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c: Buffer) => { log += c.toString('utf8'); });
  try {
    await waitForPort(port, child, () => log);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const listener = child.pid!;
  const sshdTree = () => descendants(listener).filter((pid) => processInfo(pid)?.comm === 'sshd');
  return {
    port, dir, user, knownHosts, clientKey: join(dir, 'client_key'),
    spec: (extra = {}) => ({
      type: 'ssh', host: '127.0.0.1', port, user, identityFile: join(dir, 'client_key'),
      sshOptions: [`UserKnownHostsFile=${knownHosts}`, 'GlobalKnownHostsFile=/dev/null', 'IdentitiesOnly=yes', 'IdentityAgent=none'],
      ...extra,
    }),
    connectionPids: sshdTree,
    killAll() {
      for (const pid of [listener, ...sshdTree()]) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      }
    },
    async stop() {
      // Everything the server runs goes first, while it is still in the listener's tree:
      // connections, and the shells, strace and programs a failed test may have left in them.
      killDescendants(listener);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
