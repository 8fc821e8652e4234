/**
 * The mapping between time (seconds since the run started) and horizontal pixels, and the
 * zoom and pan operations on it. Kept apart from the canvas so the arithmetic the whole
 * panel relies on (hit testing, culling, the axis, the overview window) is tested in Node.
 */

/** Narrowest view: 1 µs across the panel, well below one syscall's cost. */
export const MIN_SPAN = 1e-6;

export class TimeScale {
  /** Left edge of the view, seconds. */
  start = 0;
  /** Right edge of the view, seconds. */
  end = 1;
  /** Width of the time area in CSS pixels. */
  width = 1;

  get span(): number {
    return this.end - this.start;
  }

  /** Pixels per second. */
  get pxPerSec(): number {
    return this.width / this.span;
  }

  toX(t: number): number {
    return ((t - this.start) / this.span) * this.width;
  }

  toTime(x: number): number {
    return this.start + (x / this.width) * this.span;
  }

  setWidth(px: number): void {
    this.width = Math.max(1, px);
  }

  /** Shows [t0, t1] (with a small margin so the first and last bars are not on the border). */
  fit(t0: number, t1: number): void {
    const span = Math.max(MIN_SPAN, t1 - t0);
    const margin = span * 0.02;
    this.start = t0 - margin;
    this.end = t0 + span + margin;
  }

  /** Zooms by `factor` (> 1 zooms in) keeping time `anchor` at the same pixel. */
  zoomAt(factor: number, anchor: number, bounds?: readonly [number, number]): void {
    const span = this.span / factor;
    const clamped = Math.max(MIN_SPAN, bounds ? Math.min(span, maxSpan(bounds)) : span);
    const ratio = (anchor - this.start) / this.span;
    this.start = anchor - ratio * clamped;
    this.end = this.start + clamped;
    if (bounds) this.clampTo(bounds);
  }

  /** Moves the view by `dt` seconds (positive = later). */
  pan(dt: number, bounds?: readonly [number, number]): void {
    this.start += dt;
    this.end += dt;
    if (bounds) this.clampTo(bounds);
  }

  /** Centres time `t` if it is outside the middle 90% of the view; keeps the zoom. */
  reveal(t: number, bounds?: readonly [number, number]): boolean {
    const edge = this.span * 0.05;
    if (t >= this.start + edge && t <= this.end - edge) return false;
    this.pan(t - (this.start + this.span / 2), bounds);
    return true;
  }

  /** Keeps the view within the recording plus a margin of 5% of its length on each side. */
  clampTo([t0, t1]: readonly [number, number]): void {
    const span = this.span;
    const margin = Math.max(MIN_SPAN, t1 - t0) * 0.05;
    const lo = t0 - margin;
    const hi = t1 + margin;
    if (span >= hi - lo) {
      const mid = (lo + hi) / 2;
      this.start = mid - span / 2;
      this.end = mid + span / 2;
      return;
    }
    if (this.start < lo) { this.start = lo; this.end = lo + span; }
    if (this.end > hi) { this.end = hi; this.start = hi - span; }
  }
}

function maxSpan([t0, t1]: readonly [number, number]): number {
  return Math.max(MIN_SPAN, t1 - t0) * 1.1;
}
