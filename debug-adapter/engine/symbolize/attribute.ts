/**
 * Decides whose line an event is. The user's frame is the innermost frame whose source file
 * lies under the source roots; its file and line become the event's `source`. An event with
 * frames but no user frame was made by a runtime on its own (Go's scheduler, GC and sysmon,
 * libc start-up and exit, the dynamic loader) and is marked `runtime`, never given a line —
 * unless the program's binary could not be symbolized or the unwinder gave up part-way, in
 * which case we cannot tell and say neither.
 */
import type { ResolvedFrame, SourceLocation } from '../types';

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
    return RUNTIME;
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
