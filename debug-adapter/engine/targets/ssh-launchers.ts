/**
 * Prepared SSH sessions for `spawn`. Opening a session costs a start of the target user's
 * login shell (their ~/.bashrc: 300-500 ms on this project's CI machine), and a run spawns
 * tail, strace and addr2line one after the other on its critical path. So one session is
 * opened ahead of need, running a tiny sh that waits for one command line on stdin and then
 * `eval`s it — exec'ing into the wrapped command, whose stdin, stdout, stderr and exit status
 * are then the session's own. Two are kept (tail and strace start together), and none while
 * many sessions are open: sshd allows 10 per connection by default (MaxSessions). `read -r` reads a pipe byte by byte, so not one byte of the
 * program's stdin is consumed. Multi-line commands (an argument with a newline) open their own.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { quoteWord } from './remote-quote';

/** Waits for one line; EOF (we closed it, or the connection went) exits quietly. */
const LAUNCHER = `exec sh -c ${quoteWord('IFS= read -r line || exit 0; eval "$line"')}`;

const SPARES = 2;
/** Sessions of ours (spares included) above which no spare is opened. */
const MAX_OPEN = 7;

export class SshLaunchers {
  private spares: ChildProcessWithoutNullStreams[] = [];
  private open = 0;
  private closed = false;

  constructor(private readonly start: (remoteCommand: string) => ChildProcessWithoutNullStreams) {}

  /** Keep spares ready (call after the master is up, and after each launch). */
  prepare(): void {
    while (!this.closed && this.spares.length < SPARES && this.open < MAX_OPEN) {
      const child = this.session(LAUNCHER);
      child.stdin.on('error', () => { /* reported by its exit */ });
      child.once('exit', () => { this.spares = this.spares.filter((s) => s !== child); });
      this.spares.push(child);
    }
  }

  /** A process running `remoteCommand`: a prepared session when one fits, else a new one. */
  launch(remoteCommand: string): ChildProcessWithoutNullStreams {
    const spare = this.spares.find((s) => s.exitCode === null);
    if (this.closed || !spare || remoteCommand.includes('\n')) return this.session(remoteCommand);
    this.spares = this.spares.filter((s) => s !== spare);
    spare.stdin.write(`${remoteCommand}\n`);
    this.prepare();
    return spare;
  }

  close(): void {
    this.closed = true;
    for (const spare of this.spares.splice(0)) spare.stdin.end();
  }

  /** A new session, counted while it lives. */
  private session(remoteCommand: string): ChildProcessWithoutNullStreams {
    const child = this.start(remoteCommand);
    this.open++;
    child.once('close', () => { this.open--; });
    return child;
  }
}
