/**
 * The records the parser emits. Every input line ends up in exactly one record: as the
 * record's own line, a continuation merged into it (a resumed call), a stack frame attached
 * to the syscall before it, or an `unparsed` record that says why. Records are plain data
 * (JSON-serialisable apart from `bigint`-free numbers), so they cross worker, process and
 * webview boundaries unchanged. Arguments stay as raw text here; `parseArgs()` structures
 * them on demand, because the timeline needs only the header fields of a million events.
 */

/** Fields every record has. */
export interface RecordBase {
  /** Process or thread id, from the `PID ` / `[pid N] ` prefix or an `-ff` file name; undefined when strace printed none (single process without -f). */
  pid: number | undefined;
  /**
   * Time of the (first) line in seconds, as printed: `-ttt` epoch seconds, `-tt`/`-t`
   * seconds since midnight, `-r` seconds since the previous line. Undefined without a timestamp.
   */
  time: number | undefined;
  /** The timestamp exactly as printed, e.g. `12:01:02.123456`, for lossless display. */
  timeText?: string;
  /** The process name strace printed after the pid with `-Y` (`1234<cat> `). */
  comm?: string;
  /** `-i`: instruction pointer strace printed (`[00007f3cd3af1ad7] `); absent when it printed `?`s. */
  instructionPointer?: number;
  /** `-n`: syscall number strace printed (`[  59] `). */
  syscallNumber?: number;
  /** Every input line this record was made from, joined with `\n`, exactly as read. */
  raw: string;
  /** 1-based input line numbers of the lines in `raw` (stack-frame lines included). */
  lines: number[];
}

/** `strace -k` frame: ` > /lib/libc.so.6(write+0x14) [0x10e2f4]`, optionally followed by ` file.c:12` (`-kk`, libdw). */
export interface StackFrame {
  /** Path of the binary or library as strace printed it ("unexpected_backtracing_error" frames keep their text here). */
  module: string;
  /** Symbol name when printed (`write`), undefined for `module() [0x…]`. */
  symbol?: string;
  /** Offset from the symbol (`+0x14` → 0x14). */
  symbolOffset?: number;
  /** The bracketed value: a file offset into `module` (libunwind) — not a virtual address. */
  address: number;
  /** Source file and line when strace printed them (`-kk`). */
  file?: string;
  line?: number;
  raw: string;
}

/** A decoded `-y`/`-yy` annotation on an fd, e.g. `3</etc/passwd>` or `5<TCP:[127.0.0.1:1->127.0.0.1:2]>`. */
export type FdAnnotation =
  | { kind: 'path'; path: string; deleted?: boolean }
  | { kind: 'socket'; protocol: string; inode?: number; local?: string; remote?: string; path?: string }
  | { kind: 'pipe'; inode: number }
  | { kind: 'anon'; name: string }
  | { kind: 'device'; path: string; device: string }
  | { kind: 'other'; text: string };

/** A syscall, possibly merged from an `<unfinished ...>` line and its `<... resumed>` line. */
export interface SyscallRecord extends RecordBase {
  kind: 'syscall';
  name: string;
  /** The arguments exactly as printed between the outer parentheses (resumed part appended). */
  argsText: string;
  /** Everything after ` = `, exactly as printed (`-1 ENOENT (No such file or directory)`, `3</tmp/x>`, `?`). Undefined if the call never returned. */
  resultText: string | undefined;
  /** Numeric return value when there is one (`-1` for errors; hex parsed). Values beyond 2^53 lose precision; `resultText` keeps the exact text. */
  ret: number | undefined;
  /** `ENOENT`, `EAGAIN`, `ERESTARTSYS`… when the call failed or was restarted. */
  errno?: string;
  /** The message in parentheses after the errno, e.g. `No such file or directory`. */
  errnoMessage?: string;
  /** `-yy` annotation on the returned fd (`= 3</tmp/x>`). */
  retFd?: FdAnnotation;
  /** Text in parentheses after a non-error result, e.g. `flags FD_CLOEXEC`, `Timeout`. */
  retDetail?: string;
  /** Trailing `/* … *\/` comment text without the markers. */
  comment?: string;
  /** `-T` duration in seconds. */
  duration?: number;
  /** Start time (the unfinished line's time for merged calls), same scale as `time`. */
  start: number | undefined;
  /** Time of the line that completed the call (resumed line), same scale as `time`. */
  end: number | undefined;
  /** True when the call was split over `<unfinished ...>` / `<... resumed>` lines. */
  resumed: boolean;
  /** True when the call was never completed in the input (process died, trace cut off). */
  cutOff: boolean;
  /** True when strace detached from the process while it was inside this call (`<detached ...>`). */
  detached?: boolean;
  /**
   * True for a `<... NAME resumed>` line whose `<unfinished ...>` start is not in the input
   * (attach with -p, cut trace), and for a nameless `)  = …` tail with no parked call to end
   * (strace -Z); that call's `name` is `?`.
   */
  missingStart?: boolean;
  /** `-k` frames, innermost first. */
  stack: StackFrame[];
}

/** `--- SIGCHLD {si_signo=SIGCHLD, …} ---` or `--- stopped by SIGSTOP ---`. */
export interface SignalRecord extends RecordBase {
  kind: 'signal';
  signal: string;
  /** The `{…}` siginfo text without braces, when printed. */
  infoText?: string;
  /** True for `--- stopped by SIG… ---` (group-stop), false for a delivered signal. */
  stopped: boolean;
  stack: StackFrame[];
}

/** `+++ exited with 7 +++`, `+++ killed by SIGKILL (core dumped) +++`, `+++ superseded by execve in pid N +++`, `<detached ...>`. */
export interface ExitRecord extends RecordBase {
  kind: 'exit';
  how: 'exited' | 'killed' | 'superseded' | 'detached';
  code?: number;
  signal?: string;
  coreDumped?: boolean;
  /** For `superseded`: the pid whose execve replaced this thread group leader. */
  byPid?: number;
  /**
   * Set (never by the parser) on an exit a consumer inferred because strace ended before
   * printing it; says why. Such a record has empty `raw` and `lines`.
   */
  inferred?: string;
}

/** strace's own messages: `strace: Process 12 attached`, `strace: walk: …`, `strace: exec: …`. */
export interface StraceMessageRecord extends RecordBase {
  kind: 'strace';
  message: string;
  /** Classified messages: `attached`/`detached` carry the pid they are about. */
  event?: 'attached' | 'detached' | 'warning' | 'other';
  aboutPid?: number;
  /**
   * Set when strace wrote the message into the middle of a syscall line (stderr without -o:
   * `clone(…, flags=…SIGCHLDstrace: Process 12 attached`). That line belongs to the syscall
   * record, so this record's `lines` is empty and this field names the line it came from.
   */
  embeddedInLine?: number;
}

/** One row of a `-c` summary table. */
export interface SummaryRow {
  percentTime: number;
  seconds: number;
  usecsPerCall: number;
  calls: number;
  errors: number;
  syscall: string;
  /** `-U min-time`/`max-time` columns, in seconds, when printed. */
  shortest?: number;
  longest?: number;
}

/** A whole `-c` table (header, separator lines, rows, total), recognised as one record. */
export interface SummaryRecord extends RecordBase {
  kind: 'summary';
  rows: SummaryRow[];
  total?: SummaryRow;
  /** The columns strace printed, in order (`-U` chooses them); fields of absent columns are 0. */
  columns?: (keyof SummaryRow)[];
}

/** A line the parser could not place; nothing is dropped silently. */
export interface UnparsedRecord extends RecordBase {
  kind: 'unparsed';
  reason: string;
}

export type StraceRecord =
  | SyscallRecord
  | SignalRecord
  | ExitRecord
  | StraceMessageRecord
  | SummaryRecord
  | UnparsedRecord;

/**
 * What any structured argument may carry besides its own fields: the `name` of a `name=value`
 * argument (`clone(child_stack=NULL, flags=…)`, `-X verbose`) and a trailing comment
 * (`0x7ffe /* 35 vars *\/`, `-100 /* AT_FDCWD *\/`), without the markers.
 */
export interface ArgExtras {
  name?: string;
  comment?: string;
}

/** A structured argument, produced lazily by `parseArgs(record.argsText)`. */
export type Arg = ArgExtras & ArgValue;

export type ArgValue =
  | { type: 'string'; value: string; bytes: Uint8Array; truncated: boolean; text: string }
  | { type: 'number'; value: number; text: string }
  | { type: 'flags'; flags: string[]; text: string }
  | { type: 'fd'; fd: number; annotation: FdAnnotation; text: string }
  | { type: 'struct'; fields: NamedArg[]; truncated: boolean; text: string }
  | { type: 'array'; items: Arg[]; truncated: boolean; text: string }
  | { type: 'sigset'; negated: boolean; signals: string[]; text: string }
  | { type: 'inout'; before: Arg; after: Arg; text: string }
  | { type: 'call'; fn: string; args: Arg[]; text: string }
  | { type: 'expr'; text: string }
  | { type: 'comment'; text: string }
  | { type: 'other'; text: string };

/** A struct field or a `name=value` argument (`-X verbose`, `-v`). */
export interface NamedArg {
  name?: string;
  value: Arg;
}

export interface ParserOptions {
  /** Pid for records without a prefix (an `-ff` file `trace.1234` → 1234). */
  defaultPid?: number;
  /** Line number of the first input line (default 1). */
  firstLine?: number;
}
