/**
 * Decides whose line an event is. The user's frame is the innermost frame whose source file
 * lies under the source roots; its file and line become the event's `source`. An event with
 * frames but no user frame was made by a runtime on its own (Go's scheduler, GC and sysmon,
 * libc start-up and exit, the dynamic loader) and is marked `runtime`, never given a line —
 * unless the program's binary could not be symbolized or the stack is cut short (the unwinder
 * gave up, or skipped frames as in Rust built without frame pointers), in which case we
 * cannot tell and say neither.
 */
import type { ResolvedFrame, SourceLocation } from '../types';
import { isSystemLibrary } from './system-libraries';

export interface Attribution {
  source: SourceLocation | null;
  runtime: boolean;
}

const UNKNOWN: Attribution = { source: null, runtime: false };
const RUNTIME: Attribution = { source: null, runtime: true };
const RUNTIME_NAMES = new Set(['SIGURG', 'rt_sigreturn', 'sigreturn']);

export class Attributor {
  private readonly sources = new Map<string, SourceLocation>();
  private readonly byStack = new WeakMap<readonly ResolvedFrame[], Attribution>();

  /**
   * @param unsymbolized modules whose frames could not be resolved though they may hold user
   *   code (no debug info, unreadable); a stack through them has no reliable answer.
   */
  constructor(private readonly unsymbolized: (module: string) => boolean) {}

  /**
   * @param name syscall or signal name: SIGURG (Go's preemption signal) and rt_sigreturn (the
   *   handler trampoline's return) are the runtime's even though their stack shows the user line
   *   that happened to be interrupted.
   */
  attribute(stack: readonly ResolvedFrame[], name: string): Attribution {
    if (RUNTIME_NAMES.has(name)) return stack.length === 0 ? UNKNOWN : RUNTIME;
    if (stack.length === 0) return UNKNOWN;
    let answer = this.byStack.get(stack);
    if (answer) return answer;
    answer = this.decide(stack);
    this.byStack.set(stack, answer);
    return answer;
  }

  private decide(stack: readonly ResolvedFrame[]): Attribution {
    for (const frame of stack) {
      if (frame.user && frame.file !== undefined && frame.line !== undefined) {
        return { source: this.location(frame.file, frame.line, frame.column), runtime: false };
      }
    }
    if (stack.some((f) => f.file === undefined && (this.unsymbolized(f.module) || isBrokenFrame(f)))) return UNKNOWN;
    return looksWhole(stack) ? RUNTIME : UNKNOWN;
  }

  /** One shared SourceLocation per line: events on the same line point at the same object. */
  private location(path: string, line: number, column: number | undefined): SourceLocation {
    const key = `${path}:${line}:${column ?? ''}`;
    let loc = this.sources.get(key);
    if (!loc) {
      loc = column === undefined ? { path, line } : { path, line, column };
      this.sources.set(key, loc);
    }
    return loc;
  }
}

/**
 * strace prints `unexpected_backtracing_error [0x…]` (or `backtracing_error`) where libunwind
 * gave up, e.g. in a parent returning from a vfork-style clone3: the user frames are missing,
 * so the event is not known to be the runtime's.
 */
function isBrokenFrame(frame: ResolvedFrame): boolean {
  return frame.module.includes('backtracing_error');
}

/** Where a complete stack starts: process and thread entry points, Go's runtime stacks. */
const ENTRY_POINT = /^(_start|_dl_start|_dl_start_user|__libc_start_main|__libc_start_call_main|start_thread|__?clone3?)$/;

/**
 * True when the stack reaches an entry point, lies wholly in the loader and system libraries,
 * or runs in Go's runtime. Otherwise frames were lost (Rust built without frame pointers skips
 * `main::main` and stops in `std::rt::lang_start`), and "no user frame" proves nothing.
 */
function looksWhole(stack: readonly ResolvedFrame[]): boolean {
  if (stack.every((f) => isSystemLibrary(f.module))) return true;
  const outermost = stack[stack.length - 1].function;
  if (outermost !== undefined && ENTRY_POINT.test(outermost)) return true;
  return stack.some((f) => f.function?.startsWith('runtime.') === true);
}
