/**
 * The engine's contracts: where a program runs (`Target`), how a run is asked for
 * (`RunOptions`), and what a recording is made of (`TraceEvent`, `ResolvedFrame`, `FdEntry`,
 * `ProcessInfo`). The debug adapter, the CLI, the remote targets and the tests all code
 * against these types, so they change only with care. Nothing here imports `vscode` or DAP.
 */
import type { Readable, Writable } from 'node:stream';
import type { StraceRecord, SyscallRecord, FdAnnotation } from 'strace-parser';

// ───────────────────────────── Targets ─────────────────────────────

/** Where the program is built, traced and symbolized, as written in launch.json / CLI flags. */
export type TargetSpec =
  | { type: 'local' }
  | {
      type: 'ssh';
      /** An ssh config alias, a host name, or `user@host`. */
      host: string;
      user?: string;
      port?: number;
      identityFile?: string;
      /** Passed as `-o OPT` each. */
      sshOptions?: string[];
      /** Remote folder that holds the local workspace (shared folder); maps remote → local. */
      remoteRoot?: string;
      /** Upload the program's folder to a work directory on the target before building. */
      sync?: boolean;
    }
  | { type: 'vagrant'; machine?: string; vagrantfileDir?: string };

/** A process started on a target. argv is passed exactly: never through a shell unquoted. */
export interface TargetProcess {
  /** Pid on the target when known (local: the child's pid; remote: reported by the wrapper). */
  readonly pid: number | undefined;
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Resolves once the process has exited and its streams are drained. */
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
  /** Kill this process and every descendant it started (the whole tree), on the target. */
  killTree(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

export interface SpawnOptions {
  cwd?: string;
  /** Variables added to (or overriding) the target's environment. */
  env?: Record<string, string>;
  /** Start in a new process group/session so the whole tree can be killed. */
  detached?: boolean;
}

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Everything the engine does on the machine where the program runs goes through a Target:
 * process starts, file reads and writes, kills. Paths given to and returned by a Target are
 * target paths; `toLocalPath`/`toTargetPath` translate for sources shown in the editor.
 */
export interface Target {
  readonly spec: TargetSpec;
  /** Short human description for messages: `this machine`, `ssh dev@box`, `vagrant default`. */
  readonly description: string;
  /** Prepare the connection (SSH master, vagrant ssh-config). Errors are `EngineError`s with a fix. */
  connect(): Promise<void>;
  spawn(argv: string[], options?: SpawnOptions): TargetProcess;
  /** Run to completion and collect output (for preflight, builds, addr2line batches…). */
  exec(argv: string[], options?: SpawnOptions & { input?: string; timeoutMs?: number }): Promise<ExecResult>;
  readFile(path: string): Promise<Buffer>;
  /**
   * Read `length` bytes at `offset` (fewer at end of file). Optional: the symbolizer reads only
   * ELF headers through it and falls back to `readFile` when a Target does not offer it.
   */
  readFileRange?(path: string, offset: number, length: number): Promise<Buffer>;
  writeFile(path: string, data: string | Buffer): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Make a fresh private directory on the target and return its path. */
  makeTempDir(prefix: string): Promise<string>;
  remove(path: string): Promise<void>;
  /** Target path → local path (sourceMap / remoteRoot, longest prefix first); identity for local. */
  toLocalPath(targetPath: string): string;
  /** Local path → target path (inverse of toLocalPath; sync uploads decide it for remote). */
  toTargetPath(localPath: string): string;
  /** Upload a local folder (sync) and return its path on the target; local targets return it unchanged. */
  uploadFolder?(localDir: string): Promise<string>;
  /** Close connections, kill what is left. Safe to call twice. */
  dispose(): Promise<void>;
}

/** An error with a message for the user that says what to do. */
export class EngineError extends Error {
  constructor(
    /** Stable code for tests and UI: 'strace-missing', 'ptrace-refused', 'build-failed', 'ssh-unreachable'… */
    readonly code: string,
    message: string,
    /** What to do about it, one sentence (an install command, a setting to change). */
    readonly fix?: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

// ───────────────────────────── Builds ─────────────────────────────

/** A compiler message, for the editor's Problems view. Paths are local. */
export interface BuildDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'note';
  message: string;
}

export interface BuildResult {
  ok: boolean;
  /** Target path of the binary to run (when ok). */
  binary?: string;
  language: 'c' | 'cpp' | 'go' | 'rust' | 'binary' | 'custom';
  /** The command that was run, for the log. */
  command: string[];
  diagnostics: BuildDiagnostic[];
  /** One line: `main.c:12:5: error: expected ';' before 'return' (and 2 more errors)`. */
  summary: string;
  output: string;
}

// ───────────────────────────── Runs ─────────────────────────────

export interface RunOptions {
  /** Source file, folder or binary (local path). */
  program: string;
  /** Passed byte-exact to the program. */
  args?: string[];
  cwd?: string;
  env?: Record<string, string>;
  /** 'auto' (default) builds sources; false runs `program` as is; a string is a custom build command (run by a shell on the target, in the program's folder). */
  build?: 'auto' | false | string;
  /** Extra strace options, appended. */
  straceArgs?: string[];
  /** Syscall filter: names and classes (`openat`, `%file`, `%network`). Empty = everything. */
  filter?: string[];
  /** strace -s (default 256). */
  stringSize?: number;
  target?: TargetSpec;
  /** Remote prefix → local prefix. */
  sourceMap?: Record<string, string>;
  /** Where run folders are kept (default `~/.cache/syscall-lens/runs` or `$XDG_CACHE_HOME/syscall-lens/runs`). */
  runsDir?: string;
}

/** Metadata stored as `run.json` beside the raw `trace.strace` in a run folder. */
export interface RunMetadata {
  version: 1;
  id: string;
  program: string;
  args: string[];
  cwd?: string;
  target: TargetSpec;
  build: { language: BuildResult['language']; command: string[]; binary?: string } | null;
  /** Local source roots: files under these belong to the user's code. */
  sourceRoots: string[];
  sourceMap?: Record<string, string>;
  startedAt: string;
  endedAt?: string;
  exitCode?: number | null;
  /** Why it ended when not by itself: 'stopped', 'connection-lost: …'. */
  endReason?: string;
  straceCommand: string[];
}

// ───────────────────────────── The recording ─────────────────────────────

/** A `-k` frame after symbolization. Innermost first in `TraceEvent.stack`. */
export interface ResolvedFrame {
  /** Binary or library path on the target. */
  module: string;
  /** Function name (demangled), when known. */
  function?: string;
  /** Local source path, when known (mapped through sourceMap). */
  file?: string;
  line?: number;
  column?: number;
  /** True for an inlined frame expanded from the same address. */
  inlined?: boolean;
  /** The frame's source belongs to the program's sources. */
  user: boolean;
  /** File offset as printed by strace. */
  offset: number;
}

export type SourceLocation = { path: string; line: number; column?: number };

export type TraceEventType = 'syscall' | 'signal' | 'exit';

/** Syscall classes, as the timeline colours them. */
export type SyscallClass = 'file' | 'network' | 'process' | 'memory' | 'signal' | 'ipc' | 'other';

/** One entry of the recording, in the order strace completed them. */
export interface TraceEvent {
  /** 0-based position in the recording. */
  seq: number;
  type: TraceEventType;
  /** Thread id (== pid for single-threaded processes). */
  pid: number;
  /** Thread group (process) id, from the model's process tree. */
  tgid: number;
  /** Syscall name, signal name (`SIGCHLD`) or `exit`. */
  name: string;
  class: SyscallClass;
  /** Seconds since the first event of the run (start of the call). */
  start: number;
  /** Seconds (from -T), 0 when unknown. */
  duration: number;
  ret: number | undefined;
  errno: string | undefined;
  /** The attributed user line, or null (runtime events, no debug info). */
  source: SourceLocation | null;
  /** Made by a runtime/loader on its own, not by a user line. */
  runtime: boolean;
  /** Symbolized frames, innermost first; empty until symbolized or without -k. */
  stack: ResolvedFrame[];
  /** The parser's record (raw text, args text, line numbers). */
  record: StraceRecord;
}

/** A syscall event's record, narrowed. */
export type SyscallTraceEvent = TraceEvent & { type: 'syscall'; record: SyscallRecord };

/** What an fd pointed to at some moment. */
export interface FdEntry {
  fd: number;
  /** `/etc/passwd`, `TCP 127.0.0.1:40000 → 127.0.0.1:8080`, `pipe:[1234]`… */
  description: string;
  annotation?: FdAnnotation;
  cloexec: boolean;
  /** seq of the event that created it, when seen. */
  openedAt?: number;
}

export interface ProcessInfo {
  /** Thread group id. */
  pid: number;
  parent: number | undefined;
  /** Program name (basename of the last execve), e.g. `hello`. */
  program: string;
  argv: string[];
  threads: number[];
  /** seq of the first and last events. */
  firstSeq: number;
  lastSeq: number | undefined;
  exit?: { code?: number; signal?: string };
}

/**
 * The recording as the adapter and CLI read it. Events only grow (live runs append);
 * every index answers for the events appended so far.
 */
export interface TraceModelView {
  readonly length: number;
  /** True once the run has ended (or the saved trace is fully loaded). */
  readonly ended: boolean;
  event(seq: number): TraceEvent;
  /** Thread ids seen so far, in order of appearance. */
  threads(): number[];
  /** Ascending seqs of one thread's events. */
  threadEvents(tid: number): readonly number[];
  /** Ascending seqs of events attributed to (or with any frame on) that local source line. */
  eventsAtLine(path: string, line: number): readonly number[];
  /** Lines of a file that made syscalls, for annotations: line → seqs. */
  linesOf(path: string): ReadonlyMap<number, readonly number[]>;
  /** First seq whose start time is ≥ t (seconds since run start). */
  seqAtTime(t: number): number;
  processes(): ProcessInfo[];
  process(pid: number): ProcessInfo | undefined;
  /** The fd table of the process that made event `seq`, as it was just after that event. */
  fdTableAt(seq: number): FdEntry[];
  /** Subscribe to growth: called with the range [from, to) of newly appended seqs. Returns an unsubscribe. */
  onAppend(listener: (from: number, to: number) => void): () => void;
  onEnd(listener: () => void): () => void;
}

/** How a run ended. */
export interface RunEnd {
  /** Exit code of the traced program (the first process), null if killed. */
  exitCode: number | null;
  signal?: string;
  /** 'exited' | 'stopped' (user) | 'connection-lost' | 'strace-failed' */
  reason: 'exited' | 'stopped' | 'connection-lost' | 'strace-failed';
  message?: string;
}

/** Observers for a run, for logs, progress and the program's output. */
export interface RunHooks {
  /** Engine log lines (Output channel / --verbose). */
  log?(line: string): void;
  /** Progress phases: 'preflight' | 'build' | 'start' | 'running'. */
  progress?(phase: string, message: string): void;
  /** Program output, as it arrives. */
  stdout?(chunk: Buffer): void;
  stderr?(chunk: Buffer): void;
  /** strace's own warnings (`strace: …`), labelled by the UI. */
  straceMessage?(line: string): void;
  /** Preflight warnings that do not stop the run (no debug info, no -k support…). */
  warning?(message: string): void;
}

/** A live or reopened recording. */
export interface RunHandle {
  readonly metadata: RunMetadata;
  /** Local folder holding trace.strace and run.json. */
  readonly runDir: string;
  readonly model: TraceModelView;
  /** Program stdin (live runs only). */
  readonly stdin: Writable | undefined;
  /** Resolves when the program has ended and every event is in the model. */
  readonly done: Promise<RunEnd>;
  /** Kill the whole traced tree; resolves when nothing is left running. */
  stop(): Promise<void>;
}

/** A build that failed: the run does not start; `build.diagnostics` go to the Problems view. */
export class BuildFailedError extends EngineError {
  constructor(readonly build: BuildResult) {
    super('build-failed', `Build failed: ${build.summary}`, 'Fix the errors shown in the Problems view, then run again.');
    this.name = 'BuildFailedError';
  }
}
