/**
 * Which events touch which source line: an event counts for every line any of its resolved
 * frames is on (the adapter's line-breakpoint rule), not only its attributed line. Seqs are
 * appended in order, so each list stays ascending without sorting.
 */
import type { ResolvedFrame } from '../types';

export class LineIndex {
  private readonly byPath = new Map<string, Map<number, number[]>>();

  add(seq: number, stack: readonly ResolvedFrame[]): void {
    for (let i = 0; i < stack.length; i++) {
      const frame = stack[i];
      if (frame.file === undefined || frame.line === undefined) continue;
      let lines = this.byPath.get(frame.file);
      if (!lines) this.byPath.set(frame.file, (lines = new Map()));
      let seqs = lines.get(frame.line);
      if (!seqs) lines.set(frame.line, (seqs = []));
      // The same line twice in one stack (recursion, inlining) counts once.
      if (seqs[seqs.length - 1] !== seq) seqs.push(seq);
    }
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
