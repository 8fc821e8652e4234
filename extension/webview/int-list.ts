/**
 * Growable typed-array lists and the searches the renderer runs on them. The lanes, filter
 * results and table rows hold up to millions of event indexes (and lanes a copy of their
 * start times, so the hot searches read one contiguous array); plain arrays of numbers would
 * cost several times the memory and defeat the typed-array loops the renderer depends on.
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

/** A growable list of doubles (a lane's start times, parallel to its event indexes). */
export class FloatList {
  data: Float64Array;
  length = 0;

  constructor(capacity = 64) {
    this.data = new Float64Array(Math.max(4, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

/** First position p in [from, len) with sorted[p] >= t. */
export function lowerBound(sorted: Float64Array, len: number, t: number, from = 0): number {
  let lo = from;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** lowerBound searching forward from `from` by doubling steps: cheap when the answer is near. */
export function gallop(sorted: Float64Array, len: number, t: number, from: number): number {
  let step = 1;
  let lo = from;
  while (lo + step < len && sorted[lo + step] < t) {
    lo += step;
    step *= 2;
  }
  return lowerBound(sorted, Math.min(len, lo + step + 1), t, lo);
}
