/**
 * The small POSIX sh wrapper every remote process runs under. It starts the command in a new
 * session (`setsid`), so the command's pid is its process-group id and one `kill -- -PGID`
 * reaches strace, the program and their children; it reports that pid as the first line on
 * stderr (a marker the local side strips); and a watchdog kills the group when the SSH
 * connection's sshd goes away, so a lost connection never leaves a traced program running on
 * the target. Everything the caller passes travels as quoted argv words, never as shell text.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { isEnvName, quoteCommand, quoteWord } from './remote-quote';

/** First stderr line of every wrapped process: `@@syscall-lens:pgid:1234`. */
const MARKER = '@@syscall-lens:pgid:';

/** Runs "$@" as the leader of a new session after reporting its pid. */
const INNER = `printf '${MARKER}%s\\n' "$$" >&2; exec "$@"`;

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
        '( while kill -0 "$w" 2>/dev/null && kill -0 "$c" 2>/dev/null; do sleep 1; done; kill -s KILL -- "-$c" 2>/dev/null ) </dev/null >/dev/null 2>&1 &',
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

/**
 * Strips the wrapper's marker from the front of stderr and reports the pid it carries; the
 * rest passes through untouched. If the first line is not the marker (the wrapper failed
 * before starting the command, e.g. `cd` failed) it passes through too.
 */
export class PgidMarkerFilter extends Transform {
  private head: Buffer | undefined = Buffer.alloc(0);

  constructor(private readonly onPgid: (pgid: number) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.head) {
      callback(null, chunk);
      return;
    }
    const head = Buffer.concat([this.head, chunk]);
    const newline = head.indexOf(0x0a);
    if (newline < 0 && head.length < 64) {
      this.head = head;
      callback();
      return;
    }
    this.head = undefined;
    const first = head.subarray(0, newline < 0 ? head.length : newline).toString('latin1');
    if (newline >= 0 && first.startsWith(MARKER)) {
      const pgid = Number.parseInt(first.slice(MARKER.length), 10);
      if (Number.isInteger(pgid) && pgid > 1) this.onPgid(pgid);
      callback(null, head.subarray(newline + 1));
      return;
    }
    callback(null, head);
  }

  override _flush(callback: TransformCallback): void {
    callback(null, this.head && this.head.length > 0 ? this.head : undefined);
  }
}
