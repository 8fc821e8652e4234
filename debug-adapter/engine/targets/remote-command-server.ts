/**
 * One long-lived `sh` on the target that runs short commands sent to it one at a time, over
 * a single SSH channel. Every new channel costs a session on the target and a start of the
 * user's login shell, which runs ~/.bashrc (on this project's CI machine that alone is
 * 300 ms: it runs `pyenv init`); the preflight, build steps and ELF reads are dozens of tiny
 * commands, so they go through here instead. Each command runs in a subshell with stdin from
 * /dev/null; its stdout and stderr land in files and come back framed by a header line
 * (`@@sl ID CODE OUTLEN ERRLEN`), after a `@@sl ready` line (what a noisy ~/.bashrc prints
 * before it is skipped). Commands are our own quoted text, one line each. The temp folder goes
 * whatever ends the server, a lost connection included.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { RawResult } from './ssh-connection';

const SCRIPT = [
  'T=$(mktemp -d "${TMPDIR:-/tmp}/syscall-lens-sh-XXXXXX") || exit 1',
  "trap 'rm -rf \"$T\"' EXIT",
  // A signal would end sh without its EXIT trap and leave $T in the target's /tmp: when the
  // connection is killed mid-command, the next printf gets SIGPIPE. Exit instead, so it runs.
  "trap 'exit 1' HUP INT PIPE TERM",
  'PATH="$PATH:$HOME/.cargo/bin:/usr/local/go/bin"; export PATH',
  "printf '@@sl ready\\n'",
  'while IFS= read -r id && IFS= read -r cmd; do',
  '  ( eval "$cmd" ) >"$T/o" 2>"$T/e" </dev/null; c=$?',
  "  printf '@@sl %s %s %s %s\\n' \"$id\" \"$c\" $(wc -c <\"$T/o\") $(wc -c <\"$T/e\")",
  '  cat "$T/o" "$T/e"',
  'done',
].join('\n');

/** The command line that starts the server (for `ssh HOST -- LINE`). */
export function commandServerLine(quote: (word: string) => string): string {
  return `exec sh -c ${quote(SCRIPT)}`;
}

interface Pending {
  id: number;
  resolve(result: RawResult): void;
}

const HEADER = /^@@sl (\d+) (\d+) (\d+) (\d+)$/;
const READY = '@@sl ready\n';

export class RemoteCommandServer {
  private readonly queue: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private dead = false;
  private ready = false;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    child.stderr.resume();
    child.stdin.on('error', () => this.fail());
    child.once('close', () => this.fail());
  }

  /** True while the server can take commands. */
  get usable(): boolean {
    return !this.dead;
  }

  /** Runs one command line (no newline in it); resolves like a finished `ssh HOST -- LINE`. */
  run(command: string): Promise<RawResult> {
    if (this.dead) return Promise.resolve(lost());
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.queue.push({ id, resolve });
      this.child.stdin.write(`${id}\n${command}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    if (!this.ready) {
      const at = this.buffer.indexOf(READY);
      if (at < 0) return;
      this.ready = true;
      this.buffer = this.buffer.subarray(at + READY.length);
    }
    for (;;) {
      const newline = this.buffer.indexOf(0x0a);
      if (newline < 0) return;
      const header = HEADER.exec(this.buffer.subarray(0, newline).toString('latin1'));
      if (!header) {
        this.fail();
        return;
      }
      const [outLength, errLength] = [Number(header[3]), Number(header[4])];
      const end = newline + 1 + outLength + errLength;
      if (this.buffer.length < end) return;
      const stdout = Buffer.from(this.buffer.subarray(newline + 1, newline + 1 + outLength));
      const stderr = this.buffer.subarray(newline + 1 + outLength, end).toString('utf8');
      this.buffer = this.buffer.subarray(end);
      const pending = this.queue.shift();
      if (pending && pending.id === Number(header[1])) pending.resolve({ code: Number(header[2]), stdout, stderr });
      else this.fail();
    }
  }

  private fail(): void {
    if (this.dead) return;
    this.dead = true;
    this.child.kill('SIGKILL');
    for (const pending of this.queue.splice(0)) pending.resolve(lost());
  }
}

function lost(): RawResult {
  return { code: 255, stdout: Buffer.alloc(0), stderr: 'The command channel to the target closed.' };
}
