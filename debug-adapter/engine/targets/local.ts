/**
 * `LocalTarget`: this machine as a Target. Processes are started with the exact argv (no
 * shell), optionally in a new session so the whole tree can be signalled; files are read and
 * written with `node:fs`; target paths are local paths (identity mapping, or an optional
 * sourceMap when a reopened recording was made elsewhere). Killing a tree
 * goes beyond the process group, because traced programs may `setsid` or double-fork out of
 * it: see `process-tree.ts`.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecResult, SpawnOptions, Target, TargetProcess, TargetSpec } from '../types';
import { EngineError } from '../types';
import { killProcessTree } from './local-process-tree';
import { collectOutput } from './collect-output';

export class LocalTarget implements Target {
  readonly spec: TargetSpec = { type: 'local' };
  readonly description = 'this machine';
  private readonly live = new Set<TargetProcess>();
  /** Prefix pairs, longest first. */
  private readonly mappings: [string, string][];

  /** `sourceMap`: recorded prefix → local prefix, for recordings made on another machine. */
  constructor(sourceMap: Record<string, string> = {}) {
    this.mappings = Object.entries(sourceMap).sort((a, b) => b[0].length - a[0].length);
  }

  async connect(): Promise<void> {}

  spawn(argv: string[], options: SpawnOptions = {}): TargetProcess {
    if (argv.length === 0) throw new EngineError('bad-argv', 'Cannot start a process with an empty command line.');
    const child = spawn(argv[0], argv.slice(1), {
      cwd: options.cwd,
      env: options.env ? { ...process.env, ...options.env } : process.env,
      detached: options.detached ?? false,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
      child.once('error', (error: NodeJS.ErrnoException) => {
        reject(error.code === 'ENOENT'
          ? new EngineError('command-missing', `${argv[0]} was not found on this machine.`, `Install ${argv[0]} or add it to PATH.`)
          : error);
      });
      // 'close' fires after the streams are drained, as the contract promises.
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    exited.catch(() => undefined);
    const pid = child.pid;
    const handle: TargetProcess = {
      pid,
      stdin: child.stdin,
      stdout: child.stdout,
      stderr: child.stderr,
      exited,
      killTree: async (signal = 'SIGKILL') => {
        if (pid !== undefined) await killProcessTree(pid, signal);
      },
    };
    child.stdin.on('error', () => { /* the process may exit before reading its input */ });
    this.live.add(handle);
    exited.finally(() => this.live.delete(handle)).catch(() => undefined);
    return handle;
  }

  exec(argv: string[], options: SpawnOptions & { input?: string; timeoutMs?: number } = {}): Promise<ExecResult> {
    const proc = this.spawn(argv, options);
    return collectOutput(proc, options);
  }

  readFile(path: string): Promise<Buffer> {
    return fs.readFile(path);
  }

  async readFileRange(path: string, offset: number, length: number): Promise<Buffer> {
    const file = await fs.open(path, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }

  writeFile(path: string, data: string | Buffer): Promise<void> {
    return fs.writeFile(path, data);
  }

  async exists(path: string): Promise<boolean> {
    try {
      await fs.access(path);
      return true;
    } catch {
      return false;
    }
  }

  makeTempDir(prefix: string): Promise<string> {
    return fs.mkdtemp(join(tmpdir(), prefix.replace(/[^A-Za-z0-9._-]/g, '-')));
  }

  remove(path: string): Promise<void> {
    return fs.rm(path, { recursive: true, force: true });
  }

  toLocalPath(targetPath: string): string {
    return mapPrefix(targetPath, this.mappings);
  }

  toTargetPath(localPath: string): string {
    return mapPrefix(localPath, this.mappings.map(([from, to]) => [to, from] as [string, string]).sort((a, b) => b[0].length - a[0].length));
  }

  async uploadFolder(localDir: string): Promise<string> {
    return localDir;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.live].map((p) => p.killTree('SIGKILL')));
  }
}

/** Replace the longest matching whole-segment prefix. */
function mapPrefix(path: string, mappings: [string, string][]): string {
  for (const [from, to] of mappings) {
    const base = from.replace(/\/+$/, '');
    if (path === base || path.startsWith(`${base}/`)) return to.replace(/\/+$/, '') + path.slice(base.length);
  }
  return path;
}
