/**
 * Draws the lanes canvas: the label column, the time axis with grid lines, each visible
 * lane's bars (through level-of-detail spans, one fillStyle per class per lane), markers for
 * failed calls, signals and exits, and the debugger cursor, keyboard focus and hover
 * outlines. Only lanes inside the canvas are touched (row culling) and only events inside
 * the view (time culling), and every trace string reaches the screen through fillText.
 */
import { BarRaster, cssToRgba, type Rgba } from './bar-raster';

const rgbaCache = new Map<string, Rgba>();
function cssToRgbaCached(color: string): Rgba {
  let v = rgbaCache.get(color);
  if (v === undefined) { v = cssToRgba(color); rgbaCache.set(color, v); }
  return v;
}
import type { EventView } from './event-view';
import { formatTick, niceTicks } from './format';
import { AXIS_HEIGHT, BAR_INSET, LABEL_WIDTH, MIN_BAR_PX, ROW_HEIGHT, rowTop } from './geometry';
import type { LaneRow } from './lane-layout';
import { laneMarkers, laneSpans, SpanBuffer } from './level-of-detail';
import type { EventStore } from './store';
import { TYPE_EXIT, TYPE_SIGNAL } from './store';
import type { Palette } from './theme';
import type { TimeScale } from './time-scale';

/** At most one marker per this many pixels: denser failures would only be red noise. */
const MARKER_GAP_PX = 7;

export interface TimelineFrame {
  store: EventStore;
  view: EventView;
  rows: LaneRow[];
  scale: TimeScale;
  scrollY: number;
  palette: Palette;
  cursor: number;
  focus: number;
  focusVisible: boolean;
  hover: number;
}

export class TimelineRenderer {
  private readonly spans = new SpanBuffer();
  private readonly marks = new SpanBuffer();
  private readonly specials = new SpanBuffer();
  private readonly ctx: CanvasRenderingContext2D;
  private readonly raster = new BarRaster();
  private rgbaFor = '';
  private classRgba: Rgba[] = [];
  private dpr = 1;
  width = 0;
  height = 0;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('Syscall Lens timeline: this webview has no 2D canvas');
    this.ctx = ctx;
  }

  /** Matches the backing store to the element's CSS size and the device pixel ratio. */
  resize(cssWidth: number, cssHeight: number): void {
    const dpr = window.devicePixelRatio || 1;
    this.dpr = dpr;
    this.width = Math.max(1, Math.floor(cssWidth));
    this.height = Math.max(1, Math.floor(cssHeight));
    this.canvas.width = Math.round(this.width * dpr);
    this.canvas.height = Math.round(this.height * dpr);
    this.raster.resize(this.canvas.width, this.canvas.height);
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  draw(f: TimelineFrame): void {
    const { ctx } = this;
    const p = f.palette;
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, this.width, this.height);
    this.drawGrid(f);
    const first = Math.max(0, Math.floor(f.scrollY / ROW_HEIGHT));
    const last = Math.min(f.rows.length, Math.ceil((f.scrollY + this.height - AXIS_HEIGHT) / ROW_HEIGHT));
    const key = p.classes.join();
    if (key !== this.rgbaFor) { this.classRgba = p.classes.map(cssToRgba); this.rgbaFor = key; }
    ctx.save();
    ctx.beginPath();
    ctx.rect(LABEL_WIDTH, AXIS_HEIGHT, this.width - LABEL_WIDTH, this.height - AXIS_HEIGHT);
    ctx.clip();
    for (let r = first; r < last; r++) this.drawLane(f, r);
    this.raster.flush(ctx);
    this.drawSpecials(p, f.store.type);
    this.specials.clear();
    this.drawOutlines(f);
    ctx.restore();
    this.drawLabels(f, first, last);
    this.drawAxis(f);
    this.drawScrollbar(f);
  }

  /** When the lanes do not fit, a thumb at the right edge shows which part is on screen. */
  private drawScrollbar(f: TimelineFrame): void {
    const visible = this.height - AXIS_HEIGHT;
    const total = f.rows.length * ROW_HEIGHT;
    if (total <= visible) return;
    const h = Math.max(16, (visible / total) * visible);
    const y = AXIS_HEIGHT + (f.scrollY / (total - visible)) * (visible - h);
    this.ctx.fillStyle = f.palette.muted;
    this.ctx.globalAlpha = 0.5;
    this.ctx.fillRect(this.width - 6, y, 5, h);
    this.ctx.globalAlpha = 1;
  }

  private drawGrid(f: TimelineFrame): void {
    const { ctx } = this;
    const w = f.scale.width;
    const ticks = niceTicks(f.scale.start, f.scale.span, w);
    ctx.fillStyle = f.palette.grid;
    for (let t = ticks.first; t <= f.scale.end; t += ticks.step) {
      const x = Math.round(LABEL_WIDTH + f.scale.toX(t));
      ctx.fillRect(x, AXIS_HEIGHT, 1, this.height - AXIS_HEIGHT);
    }
  }

  private drawLane(f: TimelineFrame, r: number): void {
    const { ctx, spans } = this;
    const { store, scale, palette } = f;
    const row = f.rows[r];
    const y = rowTop(r, f.scrollY);
    if (r % 2 === 1) {
      ctx.fillStyle = palette.laneAlt;
      ctx.fillRect(LABEL_WIDTH, y, this.width - LABEL_WIDTH, ROW_HEIGHT);
    }
    if (row.processHead && r > 0) {
      ctx.fillStyle = palette.muted;
      ctx.fillRect(LABEL_WIDTH, y, this.width - LABEL_WIDTH, 1);
    }
    const lane = f.view.lane(row.tid);
    if (!lane) return;
    spans.clear();
    laneSpans(store, lane.events.data, lane.starts.data, lane.events.length, scale.start, scale.pxPerSec, scale.width, spans);
    const barY = y + BAR_INSET;
    const barH = ROW_HEIGHT - 2 * BAR_INSET;
    const dpr = this.dpr;
    const clipLeft = Math.round(LABEL_WIDTH * dpr);
    const clipTop = Math.round(AXIS_HEIGHT * dpr);
    const clipBottom = Math.round(this.height * dpr);
    const { cls, type } = store;
    for (let k = 0; k < spans.n; k++) {
      const e = spans.event[k];
      if (type[e] !== 0) continue; // signals and exits are markers
      const x0 = spans.x0[k];
      const w = Math.max(MIN_BAR_PX, spans.x1[k] - x0);
      this.raster.lineSpan((LABEL_WIDTH + x0) * dpr, w * dpr, this.classRgba[cls[e]], clipLeft);
    }
    this.raster.lineCommit(barY * dpr, barH * dpr, clipTop, clipBottom);
    this.rasterFailures(f, r, y);
    if (palette.outline) {
      ctx.strokeStyle = palette.outline;
      ctx.lineWidth = 1;
      for (let k = 0; k < spans.n; k++) {
        const w = spans.x1[k] - spans.x0[k];
        if (w >= 4) ctx.strokeRect(LABEL_WIDTH + spans.x0[k] + 0.5, barY + 0.5, w - 1, barH - 1);
      }
    }
  }

  /** Failed calls: a red triangle on the bar's top edge and a red base under it, into the raster; signals and exits are kept for later. */
  private rasterFailures(f: TimelineFrame, r: number, y: number): void {
    const { marks, raster } = this;
    const { store, scale } = f;
    const lane = f.view.lane(f.rows[r].tid);
    if (!lane || lane.marks.length === 0) return;
    marks.clear();
    laneMarkers(store.start, lane.marks.data, lane.marks.length, scale.start, scale.pxPerSec, scale.width, MARKER_GAP_PX, marks);
    const dpr = this.dpr;
    const clipLeft = Math.round(LABEL_WIDTH * dpr);
    const clipTop = Math.round(AXIS_HEIGHT * dpr);
    const clipBottom = Math.round(this.height * dpr);
    const red = cssToRgbaCached(f.palette.error);
    for (let k = 0; k < marks.n; k++) {
      const e = marks.event[k];
      if (store.type[e] !== 0) { this.specials.push(LABEL_WIDTH + marks.x0[k], y, e, 1); continue; }
      const x = (LABEL_WIDTH + marks.x0[k]) * dpr;
      raster.triangle(x, y * dpr, 4 * dpr, 6 * dpr, red, clipLeft, clipTop, clipBottom);
      const w = Math.max(MIN_BAR_PX, store.duration[e] * scale.pxPerSec) * dpr;
      raster.fill(x, (y + ROW_HEIGHT - BAR_INSET - 2) * dpr, w, 2 * dpr, red, clipLeft, clipTop, clipBottom);
    }
  }

  /** Signals and exits (collected by rasterFailures, y in x1) go on top of everything, as paths. Each kind is one path. */
  private drawSpecials(p: Palette, type: Uint8Array): void {
    const { ctx, specials } = this;
    for (const kind of [TYPE_SIGNAL, TYPE_EXIT]) {
      ctx.beginPath();
      let any = false;
      for (let k = 0; k < specials.n; k++) {
        if (type[specials.event[k]] !== kind) continue;
        any = true;
        const x = specials.x0[k];
        const y = specials.x1[k];
        const cy = y + ROW_HEIGHT / 2;
        if (kind === TYPE_SIGNAL) {
          ctx.moveTo(x, cy - 7); ctx.lineTo(x + 5, cy); ctx.lineTo(x, cy + 7); ctx.lineTo(x - 5, cy); ctx.closePath();
        } else {
          ctx.rect(x - 1, y + 2, 3, ROW_HEIGHT - 4);
          ctx.rect(x - 1, y + 2, 8, 3);
        }
      }
      if (!any) continue;
      ctx.fillStyle = kind === TYPE_SIGNAL ? p.signal : p.foreground;
      ctx.fill();
      if (kind === TYPE_SIGNAL) {
        ctx.strokeStyle = p.foreground;
        ctx.lineWidth = 1;
        ctx.stroke();
      }
    }
  }

  /** The box an event occupies on the canvas (CSS px), or null if its lane is not laid out. */
  eventBox(f: Pick<TimelineFrame, 'store' | 'rows' | 'scale' | 'scrollY'>, e: number): { x: number; y: number; w: number; h: number } | null {
    const r = f.rows.findIndex((row) => row.tid === f.store.tid[e]);
    if (r < 0) return null;
    const x = LABEL_WIDTH + f.scale.toX(f.store.start[e]);
    const w = Math.max(MIN_BAR_PX, f.store.duration[e] * f.scale.pxPerSec);
    return { x, y: rowTop(r, f.scrollY) + BAR_INSET, w, h: ROW_HEIGHT - 2 * BAR_INSET };
  }

  private drawOutlines(f: TimelineFrame): void {
    const { ctx } = this;
    if (f.cursor >= 0) {
      const box = this.eventBox(f, f.cursor);
      if (box) {
        // The debugger's position: its lane tinted, a line through all lanes, a frame round the bar.
        ctx.fillStyle = f.palette.cursor;
        ctx.globalAlpha = 0.12;
        ctx.fillRect(LABEL_WIDTH, box.y - BAR_INSET, this.width - LABEL_WIDTH, ROW_HEIGHT);
        ctx.globalAlpha = 0.7;
        ctx.fillRect(Math.round(box.x), AXIS_HEIGHT, 1, this.height - AXIS_HEIGHT);
        ctx.globalAlpha = 1;
        ctx.strokeStyle = f.palette.cursor;
        ctx.lineWidth = 2;
        // On whole pixels, so the frame is crisp: it covers columns x-4 and x-3 left of the bar.
        ctx.strokeRect(Math.round(box.x) - 3, box.y - 3, Math.round(box.w) + 6, box.h + 6);
      }
    }
    if (f.hover >= 0 && f.hover !== f.cursor) this.outline(f, f.hover, f.palette.hover, 1, []);
    if (f.focusVisible && f.focus >= 0) this.outline(f, f.focus, f.palette.focus, 2, [3, 2]);
  }

  private outline(f: TimelineFrame, e: number, color: string, width: number, dash: number[]): void {
    const box = this.eventBox(f, e);
    if (!box) return;
    const { ctx } = this;
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.strokeRect(box.x - 1.5, box.y - 1.5, box.w + 3, box.h + 3);
    ctx.setLineDash([]);
  }

  private drawLabels(f: TimelineFrame, first: number, last: number): void {
    const { ctx } = this;
    const p = f.palette;
    ctx.fillStyle = p.labelBackground;
    ctx.fillRect(0, 0, LABEL_WIDTH, this.height);
    ctx.fillStyle = p.grid;
    ctx.fillRect(LABEL_WIDTH - 1, 0, 1, this.height);
    ctx.textBaseline = 'middle';
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, AXIS_HEIGHT, LABEL_WIDTH - 6, this.height - AXIS_HEIGHT);
    ctx.clip();
    for (let r = first; r < last; r++) {
      const row = f.rows[r];
      const y = rowTop(r, f.scrollY);
      if (row.processHead && r > 0) {
        ctx.fillStyle = p.muted;
        ctx.fillRect(0, y, LABEL_WIDTH, 1);
      }
      ctx.font = row.processHead ? `bold ${p.font}` : p.font;
      ctx.fillStyle = row.processHead ? p.foreground : p.muted;
      const x = row.processHead ? 8 : 20;
      ctx.fillText(fitText(ctx, row.label, LABEL_WIDTH - 8 - x), x, y + ROW_HEIGHT / 2);
    }
    ctx.restore();
    ctx.font = p.font;
    ctx.fillStyle = p.muted;
    ctx.fillText('process / thread', 8, AXIS_HEIGHT / 2);
  }

  private drawAxis(f: TimelineFrame): void {
    const { ctx } = this;
    const p = f.palette;
    const { scale } = f;
    ctx.fillStyle = p.background;
    ctx.fillRect(LABEL_WIDTH, 0, this.width - LABEL_WIDTH, AXIS_HEIGHT);
    ctx.fillStyle = p.muted;
    ctx.fillRect(LABEL_WIDTH, AXIS_HEIGHT - 1, this.width - LABEL_WIDTH, 1);
    const ticks = niceTicks(scale.start, scale.span, scale.width);
    ctx.font = p.font;
    ctx.textBaseline = 'middle';
    ctx.save();
    ctx.beginPath();
    ctx.rect(LABEL_WIDTH, 0, this.width - LABEL_WIDTH, AXIS_HEIGHT);
    ctx.clip();
    for (let t = ticks.first; t <= scale.end; t += ticks.step) {
      const x = Math.round(LABEL_WIDTH + scale.toX(t));
      ctx.fillRect(x, AXIS_HEIGHT - 6, 1, 6);
      ctx.fillStyle = p.foreground;
      ctx.fillText(formatTick(t, ticks.step), x + 3, AXIS_HEIGHT / 2 - 2);
      ctx.fillStyle = p.muted;
    }
    if (f.cursor >= 0) {
      const x = LABEL_WIDTH + scale.toX(f.store.start[f.cursor]);
      if (x >= LABEL_WIDTH) {
        ctx.fillStyle = p.cursor;
        ctx.beginPath();
        ctx.moveTo(x - 6, AXIS_HEIGHT - 9); ctx.lineTo(x + 6, AXIS_HEIGHT - 9); ctx.lineTo(x, AXIS_HEIGHT);
        ctx.closePath();
        ctx.fill();
      }
    }
    ctx.restore();
  }
}

/** `text` shortened with an ellipsis to fit `width` pixels in the current font. */
function fitText(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (ctx.measureText(text.slice(0, mid) + '…').width <= width) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo) + '…';
}
