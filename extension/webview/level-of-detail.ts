/**
 * Turns one lane's events into the rectangles worth drawing at the current zoom: only events
 * inside the view (found by binary search), and where bars are narrower than a pixel, one
 * span per pixel column that stands for all the events starting in it (coloured like the
 * first of them). The walk jumps from column to column by binary search, so a lane costs at
 * most one step per pixel however many events it holds: that is what keeps a million-event
 * redraw under a frame.
 */
import { gallop, lowerBound, lowerBoundByStart } from './int-list';

/** Output of `laneSpans`, reused between frames to avoid allocation. */
export class SpanBuffer {
  n = 0;
  x0 = new Float64Array(1024);
  x1 = new Float64Array(1024);
  /** The first event the span stands for. */
  event = new Int32Array(1024);
  /** How many events it stands for (1 = a real bar). */
  merged = new Int32Array(1024);

  clear(): void {
    this.n = 0;
  }

  push(x0: number, x1: number, event: number, merged: number): void {
    if (this.n === this.x0.length) this.growTo(this.n * 2);
    const k = this.n++;
    this.x0[k] = x0;
    this.x1[k] = x1;
    this.event[k] = event;
    this.merged[k] = merged;
  }

  private growTo(cap: number): void {
    const f = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => { const b = new Float64Array(cap); b.set(a); return b; };
    const i = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => { const b = new Int32Array(cap); b.set(a); return b; };
    this.x0 = f(this.x0);
    this.x1 = f(this.x1);
    this.event = i(this.event);
    this.merged = i(this.merged);
  }
}

export interface LaneColumns {
  duration: Float64Array;
  cls: Uint8Array;
}

/**
 * Appends to `out` the spans of lane events idx[0..len), whose start times are starts[0..len)
 * (sorted), visible in a view starting at `viewStart` seconds, `pxPerSec` wide per second and
 * `widthPx` wide. Sub-pixel events merge per pixel column; adjacent merged columns of the
 * same class join into one span.
 */
export function laneSpans(cols: LaneColumns, idx: Int32Array, starts: Float64Array, len: number, viewStart: number, pxPerSec: number, widthPx: number, out: SpanBuffer): void {
  const { duration, cls } = cols;
  const viewEnd = viewStart + widthPx / pxPerSec;
  let i = lowerBound(starts, len, viewStart);
  // A call running across the left edge starts before it; within a thread calls do not overlap, so only one can.
  if (i > 0 && starts[i - 1] + duration[idx[i - 1]] >= viewStart) i--;
  let lastMergedCls = -1;
  while (i < len) {
    const e = idx[i];
    const s = starts[i];
    if (s > viewEnd) break;
    const x0 = (s - viewStart) * pxPerSec;
    const x1 = (s + duration[e] - viewStart) * pxPerSec;
    if (x1 - x0 >= 1) {
      out.push(x0, x1, e, 1);
      lastMergedCls = -1;
      i++;
      continue;
    }
    const column = Math.floor(x0);
    const j = gallop(starts, len, viewStart + (column + 1) / pxPerSec, i + 1);
    const last = idx[j - 1];
    const end = Math.max(column + 1, (starts[j - 1] + duration[last] - viewStart) * pxPerSec);
    const k = out.n - 1;
    if (lastMergedCls === cls[e] && k >= 0 && out.x1[k] >= column) {
      out.x1[k] = Math.max(out.x1[k], end);
      out.merged[k] += j - i;
    } else {
      out.push(column, end, e, j - i);
      lastMergedCls = cls[e];
    }
    i = j;
  }
}

/**
 * Appends to `out` the point markers (signals, exits, failed calls) of idx[0..len) in the
 * view, at most one per `gapPx` pixels: a thousand failures in one pixel show as one mark.
 */
export function laneMarkers(start: Float64Array, idx: Int32Array, len: number, viewStart: number, pxPerSec: number, widthPx: number, gapPx: number, out: SpanBuffer): void {
  const viewEnd = viewStart + widthPx / pxPerSec;
  let i = lowerBoundByStart(idx, len, start, viewStart - gapPx / pxPerSec);
  while (i < len) {
    const e = idx[i];
    const s = start[e];
    if (s > viewEnd) break;
    const x = (s - viewStart) * pxPerSec;
    const j = lowerBoundByStart(idx, len, start, viewStart + (x + gapPx) / pxPerSec, i + 1);
    out.push(x, x, e, j - i);
    i = j;
  }
}
