/**
 * A growable list of 32-bit integers backed by an Int32Array: the lanes, filter results and
 * table rows hold up to millions of event indexes, and a plain array of numbers would cost
 * several times the memory and defeat the typed-array loops the renderer depends on.
 */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 64) {
    this.data = new Int32Array(Math.max(4, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  clear(): void {
    this.length = 0;
  }

  /** A view of the used part (no copy). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * First position p in [from, len) of `idx` whose event starts at or after `t`, given that
 * the events idx[from..len) are sorted by start. The renderer's culling and level-of-detail
 * both jump through a lane with it instead of walking every event.
 */
export function lowerBoundByStart(idx: Int32Array, len: number, starts: Float64Array, t: number, from = 0): number {
  let lo = from;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[idx[mid]] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
