/**
 * One multiplexed OpenSSH connection: the system `ssh` client started as a ControlMaster on a
 * socket in a private temp dir (mode 0700), every later command a cheap client of it. This is
 * where the ssh command line is built: our ControlPath options first (so they win), then the
 * user's `-o` options, then BatchMode/keep-alive defaults (which the user's options override:
 * for ssh the first value given wins). Host keys are checked as the user's config says.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineError } from '../types';
import { commandServerLine, RemoteCommandServer } from './remote-command-server';
import { quoteWord } from './remote-quote';
import { sshConnectError } from './ssh-errors';
import { SshLaunchers } from './ssh-launchers';

/** Where and how to connect: what a TargetSpec (or `vagrant ssh-config`) says. */
export interface SshEndpoint {
  host: string;
  user?: string;
  port?: number;
  identityFile?: string;
  /** Each passed as `-o OPT`. */
  options: string[];
}

export interface RawResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Idle time after which an orphaned master (our process died) goes away by itself. */
const PERSIST_SECONDS = 600;

export class SshConnection {
  private readonly controlDir = mkdtempSync(join(tmpdir(), 'sl-ssh-'));
  private readonly controlPath = join(this.controlDir, 'cm');
  private isClosed = false;
  private server: RemoteCommandServer | undefined;
  private readonly launchers = new SshLaunchers((command) => this.session(command));

  constructor(readonly endpoint: SshEndpoint, readonly description: string) {}

  /** ssh arguments up to and including the host; append `--` and a remote command line. */
  args(extra: string[] = []): string[] {
    const e = this.endpoint;
    const args = ['-T', '-o', `ControlPath=${this.controlPath}`, '-o', 'ControlMaster=no', ...extra];
    for (const option of e.options) args.push('-o', option);
    args.push('-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '-o', 'ServerAliveInterval=5', '-o', 'ServerAliveCountMax=3', '-o', 'LogLevel=ERROR');
    if (e.port !== undefined) args.push('-p', String(e.port));
    if (e.user !== undefined) args.push('-l', e.user);
    if (e.identityFile !== undefined) args.push('-i', e.identityFile);
    args.push(e.host);
    return args;
  }

  /**
   * Start the master: `-f -N` returns once authentication succeeded, without running anything
   * (no login shell yet), and leaves the master in the background. Its stderr goes to a file,
   * not a pipe, because the background master keeps it open. Then the command server starts,
   * so it is warm for the first commands. Throws an EngineError saying why on failure.
   */
  async open(): Promise<void> {
    const logFile = join(this.controlDir, 'connect.log');
    const fd = openSync(logFile, 'w', 0o600);
    let code: number | null;
    try {
      code = await new Promise<number | null>((resolve, reject) => {
        // ControlMaster=yes overrides the `no` in args(): ssh keeps the first value of each option.
        const child = spawn('ssh', ['-f', '-N', '-o', 'ControlMaster=yes', '-o', `ControlPersist=${PERSIST_SECONDS}`, ...this.args()], { stdio: ['ignore', 'ignore', fd] });
        child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? sshMissing() : error));
        child.once('exit', (exitCode) => resolve(exitCode));
      });
    } finally {
      closeSync(fd);
    }
    const stderr = readFileSync(logFile, 'utf8');
    rmSync(logFile, { force: true });
    if (code !== 0) throw sshConnectError(this.description, stderr, this.hostForFix());
    this.server = new RemoteCommandServer(this.session(commandServerLine(quoteWord)));
    this.launchers.prepare();
  }

  /** After close() nothing may start a fresh connection of its own (ssh would, without the socket). */
  get closed(): boolean {
    return this.isClosed;
  }

  /** An ssh client process running `remoteCommand` (one shell command line), in a prepared session when one is ready. */
  spawn(remoteCommand: string): ChildProcessWithoutNullStreams {
    if (this.isClosed) throw new EngineError('target-closed', `The connection to ${this.description} is closed.`);
    return this.launchers.launch(remoteCommand);
  }

  /** A new session of its own. */
  private session(remoteCommand: string): ChildProcessWithoutNullStreams {
    return spawn('ssh', [...this.args(), '--', remoteCommand], { stdio: 'pipe' });
  }

  /**
   * Run `remoteCommand` to completion over the master, feeding `input`. Short one-line commands
   * without input go through the command server (no new session, no login shell start).
   */
  run(remoteCommand: string, input?: Buffer | string): Promise<RawResult> {
    if (this.isClosed) return Promise.resolve({ code: 255, stdout: Buffer.alloc(0), stderr: `The connection to ${this.description} is closed.` });
    if ((input === undefined || input.length === 0) && !remoteCommand.includes('\n')) {
      this.server ??= new RemoteCommandServer(this.spawn(commandServerLine(quoteWord)));
      if (this.server.usable) return this.server.run(remoteCommand);
    }
    return this.direct(remoteCommand, input);
  }

  /** Run on a channel of its own, never queued behind other commands (kills, uploads). */
  direct(remoteCommand: string, input?: Buffer | string): Promise<RawResult> {
    if (this.isClosed) return Promise.resolve({ code: 255, stdout: Buffer.alloc(0), stderr: `The connection to ${this.description} is closed.` });
    return runSsh([...this.args(), '--', remoteCommand], input);
  }

  /** True while the master connection is up. */
  async alive(): Promise<boolean> {
    if (this.isClosed) return false;
    const result = await runSsh(['-O', 'check', ...this.args()]);
    return result.code === 0;
  }

  /** Close the master (ends every channel) and remove the private socket dir. Safe twice. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.server?.close();
    this.launchers.close();
    await runSsh(['-O', 'exit', ...this.args()]).catch(() => undefined);
    rmSync(this.controlDir, { recursive: true, force: true });
  }

  private hostForFix(): string {
    const e = this.endpoint;
    const user = e.user ? `${e.user}@` : '';
    return `${e.port ? `-p ${e.port} ` : ''}${user}${e.host}`;
  }
}

function runSsh(args: string[], input?: Buffer | string): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.stdin.on('error', () => { /* ssh may exit before reading its input */ });
    child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? sshMissing() : error));
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(input ?? '');
  });
}

function sshMissing(): EngineError {
  return new EngineError('ssh-missing', 'The OpenSSH client (`ssh`) was not found on this machine.',
    'Install OpenSSH (Debian/Ubuntu: `sudo apt-get install openssh-client`) and make sure `ssh` is on PATH.');
}
