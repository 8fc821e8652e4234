/**
 * Hit counts in a recording. A breakpoint's hit number is the ordinal of a matching event
 * counted from the start of the recording — not from when the user pressed continue — so it is
 * the same forwards, backwards and after a goto. The hit condition text is what VS Code's UI
 * accepts: `5` (the 5th hit), `>= 5`, `> 5`, `< 5`, `<= 5`, `== 5`, `% 5` (every 5th).
 */
import { ExpressionError } from './expression';

export type HitCondition = (hit: number) => boolean;

export function parseHitCondition(text: string): HitCondition {
  const m = /^\s*(>=|<=|==|>|<|%)?\s*(\d+)\s*$/.exec(text);
  if (!m) throw new ExpressionError(`Bad hit count '${text}': write a number (5), or >= 5, > 5, < 5, <= 5, == 5, % 5`, 0);
  const n = Number(m[2]);
  switch (m[1]) {
    case '>=': return (h) => h >= n;
    case '<=': return (h) => h <= n;
    case '>': return (h) => h > n;
    case '<': return (h) => h < n;
    case '%':
      if (n === 0) throw new ExpressionError('A hit count of % 0 never matches: use % 1 or more', 0);
      return (h) => h % n === 0;
    default: return (h) => h === n;
  }
}

/** Ordinals of matching events, extended lazily as far as a query needs. */
export class HitCounter {
  private readonly matched: number[] = [];
  private scannedTo = 0;

  /** `candidates(from, to)` yields the ascending seqs in [from, to) where the breakpoint matches. */
  constructor(private readonly candidates: (from: number, to: number) => Iterable<number>) {}

  /** 1-based hit number of `seq`, which must itself match. */
  ordinal(seq: number): number {
    if (seq >= this.scannedTo) {
      for (const s of this.candidates(this.scannedTo, seq + 1)) this.matched.push(s);
      this.scannedTo = seq + 1;
    }
    let lo = 0;
    let hi = this.matched.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.matched[mid] < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }
}
