/**
 * `SshTarget`: a Linux machine reached with the system OpenSSH client, as a Target. Processes
 * run under the remote wrapper over one multiplexed connection (`ssh-connection.ts`); files
 * are read and written with `cat`/`tail`/`head` over the same connection; paths map between
 * the target and this machine through sourceMap, remoteRoot, or the sync work directory
 * (`remote-paths.ts`). `VagrantTarget` reuses all of it with an endpoint from `vagrant ssh-config`.
 */
import type { ExecResult, SpawnOptions, Target, TargetProcess, TargetSpec } from '../types';
import { EngineError } from '../types';
import { RemotePathMap } from './remote-paths';
import { RemoteReadCache } from './remote-read-cache';
import { isEnvName, quoteCommand, quoteWord } from './remote-quote';
import { uploadFolder } from './remote-sync';
import { wrappedCommand } from './remote-wrapper';
import { SshConnection, type SshEndpoint } from './ssh-connection';
import { connectionLostError } from './ssh-errors';
import { reportsMissing, SshProcess } from './ssh-process';
import { collectOutput } from './collect-output';

export interface RemoteTargetOptions {
  /** Remote prefix → local prefix. */
  sourceMap?: Record<string, string>;
  /** The local folder a `remoteRoot` stands for (default: the current directory). */
  localRoot?: string;
  log?(line: string): void;
}

type SshSpec = Extract<TargetSpec, { type: 'ssh' }>;

export class SshTarget implements Target {
  protected readonly paths: RemotePathMap;
  private connecting: Promise<SshConnection> | undefined;
  private connection: SshConnection | undefined;
  private readonly live = new Set<TargetProcess>();
  private readonly readCache = new RemoteReadCache((path, offset, length) =>
    this.read(path, `{ tail -c +${offset + 1} | head -c ${length}; } < ${quoteWord(path)}`));
  private disposed = false;
  /** Set once the master died: later calls fail at once instead of reconnecting behind the run's back. */
  private lost: EngineError | undefined;

  constructor(readonly spec: TargetSpec, protected readonly options: RemoteTargetOptions = {}) {
    this.paths = new RemotePathMap(options.sourceMap);
    if (spec.type === 'ssh' && spec.remoteRoot) this.paths.add(spec.remoteRoot, options.localRoot ?? process.cwd());
  }

  get description(): string {
    const s = this.spec as SshSpec;
    return `ssh ${s.user ? `${s.user}@` : ''}${s.host}${s.port ? `:${s.port}` : ''}`;
  }

  /** Where to connect; VagrantTarget asks `vagrant ssh-config` instead. */
  protected async endpoint(): Promise<SshEndpoint> {
    const s = this.spec as SshSpec;
    return { host: s.host, user: s.user, port: s.port, identityFile: s.identityFile, options: s.sshOptions ?? [] };
  }

  connect(): Promise<void> {
    return this.open().then(() => undefined);
  }

  spawn(argv: string[], options: SpawnOptions = {}): TargetProcess {
    return this.start(argv, options, true);
  }

  private start(argv: string[], options: SpawnOptions, watchdog: boolean): SshProcess {
    if (argv.length === 0) throw new EngineError('bad-argv', 'Cannot start a process with an empty command line.');
    const command = wrappedCommand(argv, { cwd: options.cwd, env: options.env, watchdog });
    const proc = new SshProcess({
      connection: this.open(),
      description: this.description,
      missingCommand: (name) => this.missingCommand(name),
      connectionLost: (stderr) => this.markLost(stderr),
    }, command, argv[0]);
    this.live.add(proc);
    proc.exited.finally(() => this.live.delete(proc)).catch(() => undefined);
    return proc;
  }

  exec(argv: string[], options: SpawnOptions & { input?: string; timeoutMs?: number } = {}): Promise<ExecResult> {
    if (!options.input && options.timeoutMs === undefined && !argv.some((a) => a.includes('\n'))) return this.execQuick(argv, options);
    const proc = this.start(argv, options, false);
    return collectOutput(proc, options);
  }

  /** No input, no timeout: through the command server, without a session of its own. */
  private async execQuick(argv: string[], options: SpawnOptions): Promise<ExecResult> {
    if (argv.length === 0) throw new EngineError('bad-argv', 'Cannot start a process with an empty command line.');
    const env = Object.entries(options.env ?? {});
    for (const [name] of env) if (!isEnvName(name)) throw new Error(`Invalid environment variable name: ${JSON.stringify(name)}`);
    const command = env.length ? ['env', ...env.map(([k, v]) => `${k}=${v}`), ...argv] : argv;
    const line = `${options.cwd ? `cd ${quoteWord(options.cwd)} && ` : ''}exec ${quoteCommand(command)}`;
    const connection = await this.open();
    const result = await connection.run(line);
    const stderr = result.stderr;
    if (result.code === 255 && !(await connection.alive())) throw await this.markLost(stderr);
    if (result.code === 127 && reportsMissing(stderr, argv[0])) throw this.missingCommand(argv[0]);
    return { code: result.code, stdout: result.stdout.toString('utf8'), stderr };
  }

  async readFile(path: string): Promise<Buffer> {
    return this.read(path, `cat -- ${quoteWord(path)}`);
  }

  /**
   * `tail -c +N` seeks on a regular file, so reading an ELF header never sends the whole binary;
   * the read-ahead cache answers the next few header reads without another round trip.
   */
  async readFileRange(path: string, offset: number, length: number): Promise<Buffer> {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
      throw new RangeError(`Bad file range ${offset}+${length}`);
    }
    if (length === 0) return Buffer.alloc(0);
    return this.readCache.read(path, offset, length);
  }

  async writeFile(path: string, data: string | Buffer): Promise<void> {
    this.readCache.forget(path);
    const connection = await this.open();
    const result = await connection.run(`cat > ${quoteWord(path)}`, data);
    if (result.code !== 0) throw this.fileError('write', path, result.stderr);
  }

  async exists(path: string): Promise<boolean> {
    const connection = await this.open();
    const result = await connection.run(`test -e ${quoteWord(path)}`);
    if (result.code === 255) throw this.fileError('check', path, result.stderr);
    return result.code === 0;
  }

  async makeTempDir(prefix: string): Promise<string> {
    const connection = await this.open();
    const safe = prefix.replace(/[^A-Za-z0-9._-]/g, '-');
    const result = await connection.run(`mktemp -d "\${TMPDIR:-/tmp}"/${quoteWord(`${safe}XXXXXX`)}`);
    const path = result.stdout.toString('utf8').trim();
    if (result.code !== 0 || !path.startsWith('/')) throw this.fileError('create a temp dir in', '/tmp', result.stderr);
    return path;
  }

  async remove(path: string): Promise<void> {
    this.readCache.forget(path);
    const connection = await this.open();
    const result = await connection.run(`rm -rf -- ${quoteWord(path)}`);
    if (result.code !== 0) throw this.fileError('remove', path, result.stderr);
  }

  toLocalPath(targetPath: string): string {
    return this.paths.toLocal(targetPath);
  }

  toTargetPath(localPath: string): string {
    return this.paths.toRemote(localPath);
  }

  async uploadFolder(localDir: string): Promise<string> {
    const connection = await this.open();
    const home = await connection.run('printf \'%s\' "$HOME"');
    const remoteDir = await uploadFolder(connection, localDir, home.stdout.toString('utf8'), this.description);
    this.paths.add(remoteDir, localDir);
    this.options.log?.(`Uploaded ${localDir} to ${this.description}:${remoteDir}`);
    return remoteDir;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (!this.connection) return;
    await Promise.all([...this.live].map((p) => p.killTree('SIGKILL').catch(() => undefined)));
    await this.connection.close();
  }

  /** The preflight names the package to install for the tools it checks; this covers the rest. */
  private missingCommand(command: string): EngineError {
    return new EngineError('command-missing', `${command} was not found on ${this.description}.`,
      `Install ${command} on ${this.description}, or add its folder to PATH there (non-interactive SSH sessions do not read ~/.profile).`);
  }

  /** The master is gone: remember why, kill local clients still waiting on it, drop the socket dir. */
  private async markLost(stderr: string): Promise<EngineError> {
    this.lost ??= connectionLostError(this.description, stderr);
    this.options.log?.(this.lost.message);
    await this.connection?.close();
    return this.lost;
  }

  private open(): Promise<SshConnection> {
    if (this.lost) return Promise.reject(this.lost);
    if (this.disposed) return Promise.reject(new EngineError('target-closed', `The connection to ${this.description} was closed.`));
    this.connecting ??= this.openConnection();
    return this.connecting;
  }

  private async openConnection(): Promise<SshConnection> {
    const endpoint = await this.endpoint();
    const connection = new SshConnection(endpoint, this.description);
    this.options.log?.(`ssh ${quoteCommand(connection.args())}`);
    try {
      await connection.open();
    } catch (error) {
      await connection.close();
      this.connecting = undefined;
      throw error;
    }
    this.connection = connection;
    return connection;
  }

  private async read(path: string, command: string): Promise<Buffer> {
    const connection = await this.open();
    const result = await connection.run(command);
    if (result.code !== 0) throw this.fileError('read', path, result.stderr);
    return result.stdout;
  }

  private fileError(action: string, path: string, stderr: string): Error {
    const error = new Error(`Could not ${action} ${path} on ${this.description}: ${stderr.trim() || 'no message'}`) as NodeJS.ErrnoException;
    if (/No such file/i.test(stderr)) error.code = 'ENOENT';
    return error;
  }
}
