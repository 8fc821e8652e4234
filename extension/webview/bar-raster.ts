/**
 * A software raster for the bars: rectangles are written straight into a 32-bit pixel
 * buffer and the buffer is copied onto the canvas once per frame. With tens of thousands of
 * one-pixel columns on screen this costs a fixed few milliseconds, where the same number of
 * canvas fillRect/rect calls grows with the count (Chromium without a GPU rasterises each).
 * Empty pixels stay transparent, so the lanes' shading and grid show through.
 */

/** An opaque colour as the buffer stores it (RGBA bytes in memory order, little-endian). */
export type Rgba = number;

let probe: CanvasRenderingContext2D | null = null;

/** Resolves any CSS colour (names, #hex, rgb(), color-mix…) to a buffer pixel, forcing it opaque. */
export function cssToRgba(color: string): Rgba {
  if (!probe) {
    const c = document.createElement('canvas');
    c.width = 1;
    c.height = 1;
    probe = c.getContext('2d', { willReadFrequently: true });
    if (!probe) return 0xff808080;
  }
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = '#808080';
  probe.fillStyle = color;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
  return ((0xff << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

export class BarRaster {
  private width = 0;
  private height = 0;
  private image: ImageData | null = null;
  private pixels = new Uint32Array(0);
  private readonly canvas = document.createElement('canvas');
  private readonly ctx: CanvasRenderingContext2D;
  /** Rows [dirtyTop, dirtyBottom) hold pixels to copy and clear. */
  private dirtyTop = Infinity;
  private dirtyBottom = 0;

  constructor() {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('Syscall Lens timeline: this webview has no 2D canvas');
    this.ctx = ctx;
  }

  /** Size in device pixels. */
  resize(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.canvas.width = this.width;
    this.canvas.height = this.height;
    this.image = new ImageData(this.width, this.height);
    this.pixels = new Uint32Array(this.image.data.buffer);
    this.dirtyTop = Infinity;
    this.dirtyBottom = 0;
  }

  /** Fills [x, x+w) × [y, y+h) in device pixels, clipped to [clipLeft, width) × [clipTop, clipBottom). */
  fill(x: number, y: number, w: number, h: number, color: Rgba, clipLeft: number, clipTop: number, clipBottom: number): void {
    const x0 = Math.max(clipLeft, Math.round(x));
    const x1 = Math.min(this.width, Math.max(x0 + 1, Math.round(x + w)));
    const y0 = Math.max(clipTop, Math.round(y));
    const y1 = Math.min(clipBottom, this.height, Math.round(y + h));
    if (x0 >= x1 || y0 >= y1) return;
    const px = this.pixels;
    const width = this.width;
    for (let row = y0; row < y1; row++) {
      const base = row * width;
      if (x1 - x0 > 16) px.fill(color, base + x0, base + x1);
      else for (let i = base + x0; i < base + x1; i++) px[i] = color;
    }
    this.markDirty(y0, y1);
  }

  /** A downward triangle (failed-call mark): `half` pixels either side of x at the top, `h` rows high. */
  triangle(x: number, y: number, half: number, h: number, color: Rgba, clipLeft: number, clipTop: number, clipBottom: number): void {
    const cx = Math.round(x);
    const top = Math.round(y);
    const rows = Math.round(h);
    const y0 = Math.max(clipTop, top);
    const y1 = Math.min(clipBottom, this.height, top + rows);
    if (y0 >= y1) return;
    const px = this.pixels;
    const width = this.width;
    for (let row = y0; row < y1; row++) {
      const w = Math.max(1, Math.round(half * (1 - (row - top) / rows)));
      const x0 = Math.max(clipLeft, cx - w);
      const x1 = Math.min(width, cx + w);
      for (let i = row * width + x0, end = row * width + x1; i < end; i++) px[i] = color;
    }
    this.markDirty(y0, y1);
  }

  /**
   * Lane rows: all bars of a lane share the same rows, so they are written once into a
   * one-row line (`lineSpan`) and the line is copied into each row (`lineCommit`).
   */
  private line = new Uint32Array(0);
  private lineUsed = false;

  lineSpan(x: number, w: number, color: Rgba, clipLeft: number): void {
    if (this.line.length !== this.width) this.line = new Uint32Array(this.width);
    const x0 = Math.max(clipLeft, Math.round(x));
    const x1 = Math.min(this.width, Math.max(x0 + 1, Math.round(x + w)));
    if (x0 >= x1) return;
    const line = this.line;
    if (x1 - x0 > 16) line.fill(color, x0, x1);
    else for (let i = x0; i < x1; i++) line[i] = color;
    this.lineUsed = true;
  }

  lineCommit(y: number, h: number, clipTop: number, clipBottom: number): void {
    if (!this.lineUsed) return;
    const y0 = Math.max(clipTop, Math.round(y));
    const y1 = Math.min(clipBottom, this.height, Math.round(y + h));
    for (let row = y0; row < y1; row++) this.pixels.set(this.line, row * this.width);
    if (y0 < y1) this.markDirty(y0, y1);
    this.line.fill(0);
    this.lineUsed = false;
  }

  private markDirty(y0: number, y1: number): void {
    if (y0 < this.dirtyTop) this.dirtyTop = y0;
    if (y1 > this.dirtyBottom) this.dirtyBottom = y1;
  }

  /** Draws the filled pixels onto `target` at the device-pixel origin, then clears them for the next frame. */
  flush(target: CanvasRenderingContext2D): void {
    if (!this.image || this.dirtyTop >= this.dirtyBottom) return;
    const top = this.dirtyTop;
    const rows = this.dirtyBottom - top;
    this.ctx.putImageData(this.image, 0, 0, 0, top, this.width, rows);
    target.save();
    target.setTransform(1, 0, 0, 1, 0, 0);
    target.drawImage(this.canvas, 0, top, this.width, rows, 0, top, this.width, rows);
    target.restore();
    this.pixels.fill(0, top * this.width, this.dirtyBottom * this.width);
    this.dirtyTop = Infinity;
    this.dirtyBottom = 0;
  }
}
