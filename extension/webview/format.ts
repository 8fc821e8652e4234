/**
 * Text for times and durations, and the time axis's tick positions (steps of 1, 2 or 5 times
 * a power of ten, at least a label's width apart). Pure.
 */

/** A duration in the unit a person reads best: "850 ns", "12.5 µs", "3.20 ms", "1.250 s". */
export function formatDuration(sec: number): string {
  const a = Math.abs(sec);
  if (a === 0) return '0';
  if (a < 1e-6) return `${(sec * 1e9).toFixed(0)} ns`;
  if (a < 1e-3) return `${threeDigits(sec * 1e6)} µs`;
  if (a < 1) return `${threeDigits(sec * 1e3)} ms`;
  return `${sec.toFixed(3)} s`;
}

/** Three significant digits, no exponent: 7.80, 13.8, 805. */
function threeDigits(v: number): string {
  const a = Math.abs(v);
  return v.toFixed(a >= 99.95 ? 0 : a >= 9.995 ? 1 : 2);
}

export interface Ticks {
  /** Seconds between ticks. */
  step: number;
  /** Time of the first tick at or after the view's start. */
  first: number;
}

/** Tick spacing for a view of `span` seconds over `widthPx`, with ticks at least `minPx` apart. */
export function niceTicks(viewStart: number, span: number, widthPx: number, minPx = 90): Ticks {
  const raw = (span / Math.max(1, widthPx)) * minPx;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  return { step, first: Math.ceil(viewStart / step) * step };
}

/** A tick label: time since the run started, with as many decimals as the step needs. */
export function formatTick(t: number, step: number): string {
  if (Math.abs(t) < step / 2) return '0';
  // The largest unit in which the step is at least 0.1: "2.5 ms", not "2500 µs".
  const unit = step >= 0.1 ? 1 : step >= 1e-4 ? 1e-3 : step >= 1e-7 ? 1e-6 : 1e-9;
  const name = unit === 1 ? 's' : unit === 1e-3 ? 'ms' : unit === 1e-6 ? 'µs' : 'ns';
  const decimals = Math.max(0, Math.ceil(-Math.log10(step / unit) - 1e-9));
  return `${(t / unit).toFixed(decimals)} ${name}`;
}

/** "= -1 ENOENT", "= 3", "" for events without a result. */
export function formatResult(ret: number, errno: string | null): string {
  if (errno) return `= ${Number.isNaN(ret) ? -1 : ret} ${errno}`;
  if (Number.isNaN(ret)) return '';
  return ret > 0xffff ? `= 0x${ret.toString(16)}` : `= ${ret}`;
}
