/**
 * A process on an SSH target, as a TargetProcess. The ssh client runs the command under the
 * remote wrapper (`remote-wrapper.ts`), whose first stderr line tells us the remote process
 * group; `killTree` kills that group and every descendant that left it, on the target. The
 * local streams exist from the start and are connected once the (lazily opened) master is up,
 * so callers can attach listeners synchronously, as with a local child. An exit while the
 * master is gone is a lost connection, reported by rejecting `exited` with 'connection-lost'.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { TargetProcess } from '../types';
import { EngineError } from '../types';
import { PGID_MARKER, pgidOf, STDOUT_MARKER, StartMarkerFilter } from './remote-wrapper';
import type { SshConnection } from './ssh-connection';

export interface SshProcessContext {
  /** Resolves with the open connection (rejects with the connect error). */
  connection: Promise<SshConnection>;
  description: string;
  /** Called when the command itself was not found on the target (exit 127). */
  missingCommand(command: string): EngineError;
  /** Called once the master connection is found dead; returns the error to report. */
  connectionLost(stderr: string): Promise<EngineError>;
}

/** Descendants of the leader plus its group, then kill them all (one remote shell line). */
function remoteKillScript(pgid: number, signal: 'TERM' | 'KILL'): string {
  const awk = `{pp[$1]=$2; pg[$1]=$3; ids[NR]=$1} END {keep[r]=1; ch=1; while (ch) {ch=0; for (i in ids) {p=ids[i]; if (!(p in keep) && ((pp[p] in keep) || pg[p]==r)) {keep[p]=1; ch=1}}} for (p in keep) print p}`;
  return `kill -s ${signal} $(ps -e -o pid= -o ppid= -o pgid= | awk -v r=${pgid} '${awk}') 2>/dev/null; kill -s ${signal} -- -${pgid} 2>/dev/null; true`;
}

const STDERR_TAIL = 4096;

export class SshProcess implements TargetProcess {
  readonly stdin = new PassThrough();
  readonly stdout = new StartMarkerFilter(STDOUT_MARKER);
  readonly stderr: StartMarkerFilter;
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
  private pgid: number | undefined;
  private pgidKnown: () => void = () => undefined;
  private readonly pgidReported = new Promise<void>((resolve) => { this.pgidKnown = resolve; });
  private killLocal: () => void = () => undefined;
  private stderrTail = '';

  constructor(private readonly context: SshProcessContext, remoteCommand: string, readonly argv0: string) {
    this.stderr = new StartMarkerFilter(PGID_MARKER, (line) => {
      this.pgid = pgidOf(line);
      this.pgidKnown();
    });
    this.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    this.exited = this.run(remoteCommand);
    this.exited.catch(() => undefined);
  }

  get pid(): number | undefined {
    return this.pgid;
  }

  async killTree(signal: 'SIGTERM' | 'SIGKILL' = 'SIGKILL'): Promise<void> {
    const connection = await this.context.connection.catch(() => undefined);
    if (!connection) return;
    const ended = this.exited.then(() => true, () => true);
    // The pgid arrives with the first stderr line; a process that has not reported yet gets a moment.
    await Promise.race([this.pgidReported, ended, delay(3000)]);
    if (this.pgid !== undefined) {
      await connection.direct(remoteKillScript(this.pgid, signal === 'SIGTERM' ? 'TERM' : 'KILL')).catch(() => undefined);
    }
    const done = await Promise.race([ended, delay(5000).then(() => false)]);
    if (!done) this.killLocal();
    await ended;
  }

  private async run(remoteCommand: string): Promise<{ code: number | null; signal: string | null }> {
    let connection: SshConnection;
    try {
      connection = await this.context.connection;
    } catch (error) {
      this.stdout.end();
      this.stderr.end();
      throw error;
    }
    const child = connection.spawn(remoteCommand);
    this.killLocal = () => { child.kill('SIGKILL'); };
    this.stdin.pipe(child.stdin);
    child.stdin.on('error', () => { /* the remote side may exit before reading its input */ });
    child.stderr.pipe(this.stderr);
    // The marker precedes any output remotely; holding stdout until it is read keeps `pid` set
    // before the first byte of output is seen (the two pipes are read in no fixed order).
    void Promise.race([this.pgidReported, once(child.stderr, 'end')]).then(() => child.stdout.pipe(this.stdout));
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    this.stdin.unpipe(child.stdin);
    await Promise.all([flushed(this.stdout), flushed(this.stderr)]);
    if (code === 255 && !(await connection.alive())) throw await this.context.connectionLost(this.stderrTail);
    if (code === 127 && reportsMissing(this.stderrTail, this.argv0)) throw this.context.missingCommand(this.argv0);
    return { code, signal };
  }
}

/** dash: `exec: strace: not found`; bash: `strace: command not found`; env: `env: 'strace': No such file…`. */
export function reportsMissing(stderr: string, command: string): boolean {
  const escaped = command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:exec: |env: ['‘]?)${escaped}['’]?: (?:not found|No such file or directory)|${escaped}: (?:command )?not found`).test(stderr);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Resolves once a stream's writable side has passed everything on (or failed). */
function flushed(stream: PassThrough | StartMarkerFilter): Promise<void> {
  if (stream.writableFinished) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('finish', () => resolve());
    stream.once('error', () => resolve());
  });
}
