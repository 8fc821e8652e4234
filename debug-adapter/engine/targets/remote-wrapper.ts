/**
 * The small POSIX sh wrapper every remote process runs under. It starts the command in a new
 * session (`setsid`), so the command's pid is its process-group id and one `kill -- -PGID`
 * reaches strace, the program and their children; it reports that pid on stderr and marks
 * the start of stdout (markers the local side strips, together with anything the user's login
 * shell printed before them — a noisy ~/.bashrc is not the program's output); and a watchdog kills the group when the SSH
 * connection's sshd goes away, so a lost connection never leaves a traced program running on
 * the target. Everything the caller passes travels as quoted argv words, never as shell text.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { isEnvName, quoteCommand, quoteWord } from './remote-quote';

/** The wrapped command's stderr starts after this line: `@@syscall-lens:pgid:1234`. */
export const PGID_MARKER = '@@syscall-lens:pgid:';
/** The wrapped command's stdout starts after this line. */
export const STDOUT_MARKER = '@@syscall-lens:stdout';

/** Runs "$@" as the leader of a new session after reporting its pid. */
const INNER = `printf '${STDOUT_MARKER}\\n'; printf '${PGID_MARKER}%s\\n' "$$" >&2; exec "$@"`;

/**
 * $1 = working directory ('' for none); the rest is the command. The watchdog polls the sshd
 * that started us ($PPID, the connection's session process): when it is gone the connection
 * is lost and the group is killed. `exec 3<&0` keeps stdin for the background job, which a
 * non-interactive sh would otherwise point at /dev/null.
 */
function outerScript(watchdog: boolean): string {
  return [
    'w=$PPID',
    'if [ -n "$1" ]; then cd "$1" || exit 127; fi',
    'shift',
    // Non-interactive SSH sessions skip ~/.profile: add the usual per-user toolchain folders.
    'PATH="$PATH:$HOME/.cargo/bin:/usr/local/go/bin"; export PATH',
    'exec 3<&0',
    `setsid sh -c ${quoteWord(INNER)} syscall-lens "$@" <&3 3<&- &`,
    'c=$!',
    'exec 3<&-',
    ...(watchdog
      ? [
        // Its `sleep` runs in the background and is waited for, so the TERM sent once the
        // command ends interrupts the wait and the trap ends that sleep too (a foreground one
        // would outlive the watchdog by up to a second, a stray process on the target).
        '( z=; trap \'kill "$z" 2>/dev/null; exit 0\' TERM; while kill -0 "$w" 2>/dev/null && kill -0 "$c" 2>/dev/null; do sleep 1 & z=$!; wait "$z"; done; kill -s KILL -- "-$c" 2>/dev/null ) </dev/null >/dev/null 2>&1 &',
        'd=$!',
        'wait "$c"; s=$?',
        'kill "$d" 2>/dev/null',
      ]
      : ['wait "$c"; s=$?']),
    'exit "$s"',
  ].reduce((line, next) => (line === '' ? next : `${line}${line.endsWith('&') ? ' ' : '; '}${next}`), '');
}

const OUTER_WATCHED = outerScript(true);
const OUTER_PLAIN = outerScript(false);

export interface WrapOptions {
  cwd?: string;
  env?: Record<string, string>;
  /**
   * Kill the group when the connection is lost (default true). Run-to-completion commands
   * (`exec`) skip it: two fewer processes per call, and they end by themselves anyway.
   */
  watchdog?: boolean;
}

/**
 * The remote command line (one string, for `ssh HOST -- LINE`) that runs argv under the
 * wrapper. It is a single line unless an argument holds a newline, so a prepared launcher
 * (`ssh-launchers.ts`) can read it with `read -r`.
 */
export function wrappedCommand(argv: readonly string[], options: WrapOptions = {}): string {
  if (argv.length === 0) throw new Error('Cannot start a process with an empty command line.');
  const assignments = Object.entries(options.env ?? {}).map(([name, value]) => {
    if (!isEnvName(name)) throw new Error(`Invalid environment variable name: ${JSON.stringify(name)}`);
    return `${name}=${value}`;
  });
  const command = assignments.length > 0 ? ['env', ...assignments, ...argv] : [...argv];
  return `exec sh -c ${quoteWord(options.watchdog === false ? OUTER_PLAIN : OUTER_WATCHED)} syscall-lens-wrap ${quoteCommand([options.cwd ?? '', ...command])}`;
}

/** Past this much output without the marker, give up waiting and pass everything on. */
const MARKER_SEARCH_LIMIT = 1024 * 1024;

/**
 * Drops everything up to and including the first line that starts with `marker` (login-shell
 * noise, then the marker itself), calls `onMarker` with that line, and passes the rest through
 * untouched. Without a marker (the wrapper failed before the command started, e.g. `cd`
 * failed) everything passes through at the end, so no message is lost.
 */
export class StartMarkerFilter extends Transform {
  private head: Buffer | undefined = Buffer.alloc(0);

  constructor(private readonly marker: string, private readonly onMarker: (line: string) => void = () => undefined) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.head) {
      callback(null, chunk);
      return;
    }
    const head = this.head.length ? Buffer.concat([this.head, chunk]) : chunk;
    const at = head.indexOf(this.marker) === 0 ? 0 : head.indexOf(`\n${this.marker}`);
    const start = at <= 0 ? at : at + 1;
    const end = start >= 0 ? head.indexOf(0x0a, start) : -1;
    if (end >= 0) {
      this.head = undefined;
      this.onMarker(head.subarray(start, end).toString('latin1'));
      callback(null, head.subarray(end + 1));
      return;
    }
    if (head.length > MARKER_SEARCH_LIMIT) {
      this.head = undefined;
      callback(null, head);
      return;
    }
    this.head = head;
    callback();
  }

  override _flush(callback: TransformCallback): void {
    callback(null, this.head && this.head.length > 0 ? this.head : undefined);
  }
}

/** The pgid in a `@@syscall-lens:pgid:N` line, if valid. */
export function pgidOf(markerLine: string): number | undefined {
  const pgid = Number.parseInt(markerLine.slice(PGID_MARKER.length), 10);
  return Number.isInteger(pgid) && pgid > 1 ? pgid : undefined;
}
