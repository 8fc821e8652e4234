/**
 * Which events touch which source line: an event counts for every line any of its resolved
 * frames is on (the adapter's line-breakpoint rule), not only its attributed line. Seqs are
 * appended in order, so each list stays ascending without sorting.
 */
import type { ResolvedFrame } from '../types';

export class LineIndex {
  private readonly byPath = new Map<string, Map<number, number[]>>();
  private readonly listsOfStack = new WeakMap<readonly ResolvedFrame[], number[][]>();

  add(seq: number, stack: readonly ResolvedFrame[]): void {
    if (stack.length === 0) return;
    let lists = this.listsOfStack.get(stack);
    if (!lists) this.listsOfStack.set(stack, (lists = this.listsFor(stack)));
    for (let i = 0; i < lists.length; i++) lists[i].push(seq);
  }

  /** The seq lists of every distinct line of a stack; stacks are interned, so this runs once per stack. */
  private listsFor(stack: readonly ResolvedFrame[]): number[][] {
    const out = new Set<number[]>();
    for (const frame of stack) {
      if (frame.file === undefined || frame.line === undefined) continue;
      let lines = this.byPath.get(frame.file);
      if (!lines) this.byPath.set(frame.file, (lines = new Map()));
      let seqs = lines.get(frame.line);
      if (!seqs) lines.set(frame.line, (seqs = []));
      // The same line twice in one stack (recursion, inlining) counts once.
      out.add(seqs);
    }
    return [...out];
  }

  eventsAt(path: string, line: number): readonly number[] {
    return this.byPath.get(path)?.get(line) ?? NONE;
  }

  linesOf(path: string): ReadonlyMap<number, readonly number[]> {
    return this.byPath.get(path) ?? EMPTY;
  }
}

const NONE: readonly number[] = [];
const EMPTY: ReadonlyMap<number, readonly number[]> = new Map();
