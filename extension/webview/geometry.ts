/**
 * Where things are on the timeline canvas: the label column, the axis, lane rows, bar
 * heights. Shared by the renderer, hit testing and keyboard scrolling, so they cannot
 * disagree about which pixel is which event.
 */
export const LABEL_WIDTH = 170;
export const AXIS_HEIGHT = 24;
export const ROW_HEIGHT = 22;
export const BAR_INSET = 4;
/** A bar is never drawn narrower than this, so a 1 µs call stays visible and clickable. */
export const MIN_BAR_PX = 2;
/** Hover and click find an event within this many pixels of the pointer. */
export const HIT_SLOP_PX = 4;

/** Top of lane row `r` given the vertical scroll offset. */
export function rowTop(r: number, scrollY: number): number {
  return AXIS_HEIGHT + r * ROW_HEIGHT - scrollY;
}

/** The lane row under canvas y, or -1 (axis, or below the last row). */
export function rowAt(y: number, scrollY: number, rows: number): number {
  if (y < AXIS_HEIGHT) return -1;
  const r = Math.floor((y - AXIS_HEIGHT + scrollY) / ROW_HEIGHT);
  return r >= 0 && r < rows ? r : -1;
}

/** Largest useful vertical scroll for `rows` lanes in a canvas `height` high. */
export function maxScrollY(rows: number, height: number): number {
  return Math.max(0, AXIS_HEIGHT + rows * ROW_HEIGHT - height);
}
