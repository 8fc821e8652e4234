/**
 * The overview strip: the whole recording squeezed into the width of the time area, as a
 * per-pixel histogram of calls stacked by class, with the current view drawn as a window.
 * The histogram costs one pass over the shown events, so while batches stream in it is
 * recomputed only after four times its own cost has passed; the window moves every frame for free.
 */
import { SYSCALL_CLASSES } from './classes';
import type { EventView } from './event-view';
import { LABEL_WIDTH } from './geometry';
import type { EventStore } from './store';
import type { Palette } from './theme';
import type { TimeScale } from './time-scale';

const CLASS_COUNT = SYSCALL_CLASSES.length;
/** While data streams in, spend at most about a fifth of the time on the histogram. */
const MIN_RECOMPUTE_MS = 50;

export class OverviewRenderer {
  private readonly ctx: CanvasRenderingContext2D;
  width = 0;
  height = 0;
  private counts = new Float32Array(0);
  private columns = 0;
  private maxCount = 0;
  private key = '';
  private computedAt = 0;
  private cost = 0;
  /** Events the histogram counted (tests and the benchmark wait for it to cover all). */
  counted = 0;
  private computedView: EventView | null = null;
  /** Time range the histogram covers. */
  range: [number, number] = [0, 1];

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('Syscall Lens timeline: this webview has no 2D canvas');
    this.ctx = ctx;
  }

  resize(cssWidth: number, cssHeight: number): void {
    const dpr = window.devicePixelRatio || 1;
    this.width = Math.max(1, Math.floor(cssWidth));
    this.height = Math.max(1, Math.floor(cssHeight));
    this.canvas.width = Math.round(this.width * dpr);
    this.canvas.height = Math.round(this.height * dpr);
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.key = '';
  }

  /** Overview x (CSS px) → time. */
  timeAt(x: number): number {
    const w = Math.max(1, this.width - LABEL_WIDTH);
    return this.range[0] + ((x - LABEL_WIDTH) / w) * (this.range[1] - this.range[0]);
  }

  /**
   * Recomputes the histogram if the data or size changed, unless it did so very recently
   * and `force` is false. Returns true if a later call is still needed.
   */
  update(store: EventStore, view: EventView, range: [number, number], force: boolean): boolean {
    const key = `${store.version}:${view.count}:${this.width}:${range[0]}:${range[1]}`;
    if (key === this.key && view === this.computedView) return false;
    const now = performance.now();
    if (!force && view === this.computedView && now - this.computedAt < Math.max(MIN_RECOMPUTE_MS, 4 * this.cost)) return true;
    this.key = key;
    this.computedView = view;
    this.computedAt = now;
    this.range = range;
    this.columns = Math.max(1, this.width - LABEL_WIDTH);
    if (this.counts.length !== this.columns * CLASS_COUNT) this.counts = new Float32Array(this.columns * CLASS_COUNT);
    else this.counts.fill(0);
    const scale = this.columns / Math.max(1e-9, range[1] - range[0]);
    const last = this.columns - 1;
    const n = view.count;
    for (let k = 0; k < n; k++) {
      const i = view.row(k);
      let c = Math.floor((store.start[i] - range[0]) * scale);
      c = c < 0 ? 0 : c > last ? last : c;
      this.counts[c * CLASS_COUNT + store.cls[i]]++;
    }
    let max = 0;
    for (let c = 0; c < this.columns; c++) {
      let sum = 0;
      for (let k = 0; k < CLASS_COUNT; k++) sum += this.counts[c * CLASS_COUNT + k];
      if (sum > max) max = sum;
    }
    this.maxCount = max;
    this.counted = n;
    this.cost = performance.now() - now;
    return false;
  }

  /** The histogram is painted once per recompute (or theme change) into this and copied every frame. */
  private image: HTMLCanvasElement | null = null;
  private imageKey = '';

  draw(palette: Palette, scale: TimeScale, cursorTime: number | null): void {
    const { ctx } = this;
    const imageKey = `${this.key}:${this.computedAt}:${palette.classes.join()}:${palette.background}`;
    if (!this.image || imageKey !== this.imageKey) {
      this.image ??= document.createElement('canvas');
      this.image.width = this.canvas.width;
      this.image.height = this.canvas.height;
      const ictx = this.image.getContext('2d');
      if (!ictx) return;
      const dpr = window.devicePixelRatio || 1;
      ictx.setTransform(dpr, 0, 0, dpr, 0, 0);
      this.paintHistogram(ictx, palette);
      this.imageKey = imageKey;
    }
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.image, 0, 0);
    ctx.restore();
    this.drawWindow(palette, scale, cursorTime);
  }

  private paintHistogram(ctx: CanvasRenderingContext2D, palette: Palette): void {
    const h = this.height;
    ctx.fillStyle = palette.labelBackground;
    ctx.fillRect(0, 0, this.width, h);
    ctx.font = palette.font;
    ctx.textBaseline = 'middle';
    ctx.fillStyle = palette.muted;
    ctx.fillText('whole recording', 8, h / 2);
    ctx.fillStyle = palette.background;
    ctx.fillRect(LABEL_WIDTH, 0, this.width - LABEL_WIDTH, h);
    if (this.maxCount > 0) {
      const norm = (h - 4) / Math.sqrt(this.maxCount);
      for (let c = 0; c < this.columns; c++) {
        let y = h;
        let total = 0;
        for (let k = 0; k < CLASS_COUNT; k++) total += this.counts[c * CLASS_COUNT + k];
        if (total === 0) continue;
        const colH = Math.max(1, Math.sqrt(total) * norm);
        for (let k = 0; k < CLASS_COUNT; k++) {
          const v = this.counts[c * CLASS_COUNT + k];
          if (!v) continue;
          const segment = (v / total) * colH;
          ctx.fillStyle = palette.classes[k];
          ctx.fillRect(LABEL_WIDTH + c, y - segment, 1, segment);
          y -= segment;
        }
      }
    }
  }

  private drawWindow(palette: Palette, scale: TimeScale, cursorTime: number | null): void {
    const { ctx } = this;
    const h = this.height;
    const span = Math.max(1e-9, this.range[1] - this.range[0]);
    const w = this.width - LABEL_WIDTH;
    const x0 = LABEL_WIDTH + ((scale.start - this.range[0]) / span) * w;
    const x1 = LABEL_WIDTH + ((scale.end - this.range[0]) / span) * w;
    ctx.fillStyle = palette.focus;
    ctx.globalAlpha = 0.15;
    ctx.fillRect(x0, 0, Math.max(2, x1 - x0), h);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = palette.focus;
    ctx.lineWidth = 1;
    ctx.strokeRect(Math.round(x0) + 0.5, 0.5, Math.max(2, x1 - x0) - 1, h - 1);
    if (cursorTime !== null) {
      ctx.fillStyle = palette.cursor;
      ctx.fillRect(LABEL_WIDTH + ((cursorTime - this.range[0]) / span) * w, 0, 1, h);
    }
  }
}
