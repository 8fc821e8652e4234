/**
 * Prepared SSH sessions for `spawn`. Opening a session costs a start of the target user's
 * login shell (their ~/.bashrc: 300-500 ms on this project's CI machine), and a run spawns
 * tail, strace and addr2line one after the other on its critical path. So one session is
 * opened ahead of need, running a tiny sh that waits for one command line on stdin and then
 * `eval`s it — exec'ing into the wrapped command, whose stdin, stdout, stderr and exit status
 * are then the session's own. `read -r` reads a pipe byte by byte, so not one byte of the
 * program's stdin is consumed. Multi-line commands (an argument with a newline) open their own.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { quoteWord } from './remote-quote';

/** Waits for one line; EOF (we closed it, or the connection went) exits quietly. */
const LAUNCHER = `exec sh -c ${quoteWord('IFS= read -r line || exit 0; eval "$line"')}`;

export class SshLaunchers {
  private spare: ChildProcessWithoutNullStreams | undefined;
  private closed = false;

  constructor(private readonly open: (remoteCommand: string) => ChildProcessWithoutNullStreams) {}

  /** Keep one session ready (call after the master is up). */
  prepare(): void {
    if (this.closed || this.spare) return;
    const child = this.open(LAUNCHER);
    child.stdin.on('error', () => { /* reported by its exit */ });
    child.once('exit', () => { if (this.spare === child) this.spare = undefined; });
    this.spare = child;
  }

  /** A process running `remoteCommand`: the prepared session when it fits, else a new one. */
  launch(remoteCommand: string): ChildProcessWithoutNullStreams {
    const spare = this.spare;
    if (this.closed || !spare || remoteCommand.includes('\n') || spare.exitCode !== null) return this.open(remoteCommand);
    this.spare = undefined;
    spare.stdin.write(`${remoteCommand}\n`);
    this.prepare();
    return spare;
  }

  close(): void {
    this.closed = true;
    this.spare?.stdin.end();
    this.spare = undefined;
  }
}
