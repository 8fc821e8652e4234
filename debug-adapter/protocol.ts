/**
 * Custom Debug Adapter Protocol events and requests that Syscall Lens adds on top of DAP,
 * shared by the adapter (sender) and the extension/webview (receivers). Events travel in
 * columnar batches: a million syscalls must not become a million messages, and parallel
 * arrays are far cheaper to post and to index than an array of objects. Type-only: the
 * webview may `import type` from here and nothing else of the adapter.
 */

/** Custom event names (DAP `event` field). */
export const EVENTS_BATCH = 'syscallLens.events';
export const CURSOR_MOVED = 'syscallLens.cursor';
export const RUN_STATE = 'syscallLens.runState';
export const BUILD_DIAGNOSTICS = 'syscallLens.buildDiagnostics';

/** Custom request: the extension asks for the whole recording again (panel reopened). */
export const REQUEST_EVENTS = 'syscallLens.requestEvents';

/** Class codes, index into SYSCALL_CLASSES. */
export const SYSCALL_CLASSES = ['file', 'network', 'process', 'memory', 'signal', 'ipc', 'other'] as const;

/** Event type codes. */
export const EVENT_TYPES = ['syscall', 'signal', 'exit'] as const;

/**
 * A batch of consecutive events [from, from + count). Strings are interned: `names`
 * holds the distinct strings this batch refers to and `name[i]` indexes it (same for paths).
 */
export interface EventsBatch {
  from: number;
  count: number;
  /** Distinct strings referred to by `name`, `errno`, `sourcePath` indexes in this batch. */
  strings: string[];
  type: number[];          // index into EVENT_TYPES
  pid: number[];           // thread id
  tgid: number[];          // process id
  name: number[];          // index into strings
  cls: number[];           // index into SYSCALL_CLASSES
  start: number[];         // seconds since run start
  duration: number[];      // seconds
  ret: (number | null)[];
  errno: number[];         // index into strings, -1 if none
  sourcePath: number[];    // index into strings, -1 if none
  sourceLine: number[];    // 0 if none
  runtime: boolean[];
  /** The line(s) strace printed, for hover and table; long ones truncated to 2 KB with a marker. */
  raw: string[];
}

/** Processes and threads, sent with each batch that changes them. */
export interface ProcessSnapshot {
  pid: number;
  parent: number | null;
  program: string;
  threads: number[];
  exited: boolean;
}

export interface EventsBatchBody {
  batch: EventsBatch;
  processes?: ProcessSnapshot[];
  /** True on the batch that replaces everything (reset, e.g. restart). */
  reset?: boolean;
}

export interface CursorMovedBody {
  seq: number;
  threadId: number;
  source: { path: string; line: number } | null;
}

export interface RunStateBody {
  state: 'building' | 'running' | 'ended';
  runDir?: string;
  program?: string;
  exitCode?: number | null;
  message?: string;
}

export interface BuildDiagnosticsBody {
  diagnostics: { file: string; line: number; column: number; severity: 'error' | 'warning' | 'note'; message: string }[];
  summary: string;
}

/** Launch attributes (debug type `strace`), as in package.json's configurationAttributes. */
export interface LaunchArguments {
  program?: string;
  args?: string[] | string;
  cwd?: string;
  env?: Record<string, string>;
  envFile?: string;
  stopOnEntry?: boolean;
  console?: 'internalConsole' | 'integratedTerminal';
  build?: 'auto' | false | string;
  straceArgs?: string[];
  filter?: string[] | string;
  stringSize?: number;
  justMyCode?: boolean;
  target?: 'local' | { type: 'local' } | { type: 'ssh'; host: string; user?: string; port?: number; identityFile?: string; sshOptions?: string[]; remoteRoot?: string; sync?: boolean } | { type: 'vagrant'; machine?: string; vagrantfileDir?: string };
  sourceMap?: Record<string, string>;
  /** Where run folders are kept (tests use a temp dir). */
  runsDir?: string;
}

export interface AttachArguments {
  /** A run folder or any strace log file. */
  trace: string;
  stopOnEntry?: boolean;
  justMyCode?: boolean;
  sourceMap?: Record<string, string>;
  /** Local source roots, when the log does not say (default: the workspace folder). */
  sourceRoots?: string[];
}
