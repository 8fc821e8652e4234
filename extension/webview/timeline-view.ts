/**
 * The timeline tab: owns the time scale and vertical scroll, turns wheel, drag, pointer and
 * keyboard input into zoom, pan, hover, focus and `goto`, and asks the two renderers to draw.
 * Until the user zooms or pans, the view follows the whole recording as it grows.
 */
import { describeLine } from './describe';
import { laneEnd, nearestInAdjacentLane, stepInLane } from './event-navigation';
import type { EventView } from './event-view';
import { HIT_SLOP_PX, LABEL_WIDTH, MIN_BAR_PX, ROW_HEIGHT, AXIS_HEIGHT, maxScrollY, rowAt } from './geometry';
import { lowerBoundByStart } from './int-list';
import type { LaneRow } from './lane-layout';
import { OverviewRenderer } from './overview-renderer';
import type { EventStore } from './store';
import type { Palette } from './theme';
import { TimeScale } from './time-scale';
import { TimelineRenderer } from './timeline-renderer';
import { Tooltip } from './tooltip';

export const OVERVIEW_HEIGHT = 40;
export const FOCUS_INFO_HEIGHT = 24;

/** What the timeline reads from the panel; the panel replaces `view` and `rows` as filters and lanes change. */
export interface PanelModel {
  store: EventStore;
  view: EventView;
  rows: LaneRow[];
  palette: Palette;
  /** Event index of the debugger's cursor, or -1. */
  cursor: number;
}

export interface TimelineElements {
  section: HTMLElement;
  canvas: HTMLCanvasElement;
  overview: HTMLCanvasElement;
  tooltip: HTMLElement;
  focusInfo: HTMLElement;
}

export interface TimelineActions {
  goto(event: number): void;
  requestDraw(): void;
}

interface Drag { x: number; y: number; start: number; scrollY: number; moved: boolean }

export class TimelineView {
  readonly scale = new TimeScale();
  scrollY = 0;
  focus = -1;
  private hover = -1;
  private follow = true;
  private drag: Drag | null = null;
  private overviewDrag = false;
  private readonly renderer: TimelineRenderer;
  private readonly overview: OverviewRenderer;
  private readonly tooltip: Tooltip;
  private overviewTimer: ReturnType<typeof setTimeout> | null = null;
  draws = 0;
  lastDrawMs = 0;
  /** Events in the store at the last draw, and events the overview counted. */
  drawnEvents = 0;
  get overviewEvents(): number { return this.overview.counted; }

  constructor(private readonly model: PanelModel, private readonly els: TimelineElements, private readonly actions: TimelineActions) {
    this.renderer = new TimelineRenderer(els.canvas);
    this.overview = new OverviewRenderer(els.overview);
    this.tooltip = new Tooltip(els.tooltip);
    new ResizeObserver(() => this.layout()).observe(els.section);
    this.layout();
    this.bindPointer();
    els.canvas.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    els.canvas.addEventListener('keydown', (e) => this.onKey(e));
    els.canvas.addEventListener('focus', () => this.actions.requestDraw());
    els.canvas.addEventListener('blur', () => this.actions.requestDraw());
  }

  private get bounds(): [number, number] {
    return [0, Math.max(this.model.store.endTime, 1e-6)];
  }

  layout(): void {
    const w = this.els.section.clientWidth;
    const h = this.els.section.clientHeight;
    if (w === 0 || h === 0) return; // hidden tab
    this.overview.resize(w, OVERVIEW_HEIGHT);
    this.renderer.resize(w, h - OVERVIEW_HEIGHT - FOCUS_INFO_HEIGHT);
    this.scale.setWidth(w - LABEL_WIDTH);
    this.actions.requestDraw();
  }

  draw(): void {
    const t0 = performance.now();
    const m = this.model;
    if (this.follow) this.scale.fit(...this.bounds);
    this.scrollY = Math.min(this.scrollY, maxScrollY(m.rows.length, this.renderer.height));
    this.renderer.draw({
      store: m.store, view: m.view, rows: m.rows, scale: this.scale, scrollY: this.scrollY, palette: m.palette,
      cursor: m.cursor, focus: this.focus, focusVisible: document.activeElement === this.els.canvas, hover: this.hover,
    });
    const pending = this.overview.update(m.store, m.view, this.bounds, false);
    this.overview.draw(m.palette, this.scale, m.cursor >= 0 ? m.store.start[m.cursor] : null);
    if (pending && !this.overviewTimer) {
      this.overviewTimer = setTimeout(() => { this.overviewTimer = null; this.actions.requestDraw(); }, 60);
    }
    this.lastDrawMs = performance.now() - t0;
    this.draws++;
    this.drawnEvents = m.store.count;
    const ds = this.els.canvas.dataset;
    ds.events = String(m.store.count);
    ds.shown = String(m.view.count);
    ds.draws = String(this.draws);
    ds.lastDrawMs = this.lastDrawMs.toFixed(3);
  }

  /** Fit the whole recording and follow it as it grows. */
  fitAll(): void {
    this.follow = true;
    this.actions.requestDraw();
  }

  zoom(factor: number, anchor = this.scale.start + this.scale.span / 2): void {
    this.follow = false;
    this.scale.zoomAt(factor, anchor, this.bounds);
    this.actions.requestDraw();
  }

  pan(dt: number): void {
    this.follow = false;
    this.scale.pan(dt, this.bounds);
    this.actions.requestDraw();
  }

  /** Scrolls so event `e` is in view (time and lane), without changing the zoom unless following. */
  reveal(e: number): void {
    const s = this.model.store;
    if (!this.follow) this.scale.reveal(s.start[e], this.bounds);
    const r = this.model.rows.findIndex((row) => row.tid === s.tid[e]);
    if (r >= 0) {
      const visible = this.renderer.height - AXIS_HEIGHT;
      const top = r * ROW_HEIGHT;
      if (top < this.scrollY) this.scrollY = top;
      else if (top + ROW_HEIGHT > this.scrollY + visible) this.scrollY = top + ROW_HEIGHT - visible;
    }
    this.actions.requestDraw();
  }

  setFocus(e: number): void {
    this.focus = e;
    this.els.focusInfo.textContent = e >= 0 ? describeLine(this.model.store, e) : '';
    if (e >= 0) this.reveal(e);
  }

  /** The box of an event on the canvas, relative to the canvas (tests click it). */
  eventBox(e: number): { x: number; y: number; w: number; h: number } | null {
    const m = this.model;
    return this.renderer.eventBox({ store: m.store, rows: m.rows, scale: this.scale, scrollY: this.scrollY }, e);
  }

  /** The event under canvas point (x, y) and how many events start within the hit slop. */
  hitTest(x: number, y: number): { event: number; merged: number } | null {
    const m = this.model;
    const r = rowAt(y, this.scrollY, m.rows.length);
    if (r < 0 || x < LABEL_WIDTH) return null;
    const lane = m.view.lane(m.rows[r].tid);
    if (!lane || lane.events.length === 0) return null;
    const { start, duration } = m.store;
    const idx = lane.events.data;
    const len = lane.events.length;
    const pps = this.scale.pxPerSec;
    const t = this.scale.toTime(x - LABEL_WIDTH);
    const slop = HIT_SLOP_PX / pps;
    const p = lowerBoundByStart(idx, len, start, t + slop);
    if (p === 0) return null;
    const e = idx[p - 1];
    const end = start[e] + Math.max(duration[e], MIN_BAR_PX / pps);
    if (end + slop < t) return null;
    const merged = p - lowerBoundByStart(idx, len, start, start[e] - slop);
    return { event: e, merged: Math.max(1, merged) };
  }

  private canvasPoint(ev: MouseEvent, el: HTMLElement): [number, number] {
    const r = el.getBoundingClientRect();
    return [ev.clientX - r.left, ev.clientY - r.top];
  }

  private bindPointer(): void {
    const c = this.els.canvas;
    c.addEventListener('pointerdown', (ev) => {
      if (ev.button !== 0) return;
      const [x, y] = this.canvasPoint(ev, c);
      this.drag = { x, y, start: this.scale.start, scrollY: this.scrollY, moved: false };
      c.setPointerCapture(ev.pointerId);
    });
    c.addEventListener('pointermove', (ev) => {
      const [x, y] = this.canvasPoint(ev, c);
      const d = this.drag;
      if (d) {
        if (Math.abs(x - d.x) + Math.abs(y - d.y) > 3) d.moved = true;
        if (d.moved) {
          this.follow = false;
          const span = this.scale.span;
          this.scale.start = d.start - (x - d.x) / this.scale.pxPerSec;
          this.scale.end = this.scale.start + span;
          this.scale.clampTo(this.bounds);
          this.scrollY = Math.max(0, Math.min(maxScrollY(this.model.rows.length, this.renderer.height), d.scrollY - (y - d.y)));
          this.tooltip.hide();
          this.actions.requestDraw();
          return;
        }
      }
      this.updateHover(x, y);
    });
    c.addEventListener('pointerup', (ev) => {
      const d = this.drag;
      this.drag = null;
      if (!d || d.moved) return;
      const [x, y] = this.canvasPoint(ev, c);
      const hit = this.hitTest(x, y);
      if (hit) {
        this.setFocus(hit.event);
        this.actions.goto(hit.event);
      }
    });
    c.addEventListener('pointerleave', () => {
      this.hover = -1;
      this.tooltip.hide();
      this.actions.requestDraw();
    });
    const o = this.els.overview;
    const moveTo = (ev: PointerEvent): void => {
      const [x] = this.canvasPoint(ev, o);
      const t = this.overview.timeAt(x);
      this.pan(t - (this.scale.start + this.scale.span / 2));
    };
    o.addEventListener('pointerdown', (ev) => { this.overviewDrag = true; o.setPointerCapture(ev.pointerId); moveTo(ev); });
    o.addEventListener('pointermove', (ev) => { if (this.overviewDrag) moveTo(ev); });
    o.addEventListener('pointerup', () => { this.overviewDrag = false; });
  }

  private updateHover(x: number, y: number): void {
    const hit = this.hitTest(x, y);
    const e = hit ? hit.event : -1;
    if (hit) {
      const box = { width: this.els.section.clientWidth, height: this.els.section.clientHeight };
      this.tooltip.show(this.model.store, hit.event, hit.merged, x, y + OVERVIEW_HEIGHT, box);
    } else {
      this.tooltip.hide();
    }
    if (e !== this.hover) {
      this.hover = e;
      this.els.canvas.style.cursor = e >= 0 ? 'pointer' : 'grab';
      this.actions.requestDraw();
    }
  }

  private onWheel(ev: WheelEvent): void {
    ev.preventDefault();
    const unit = ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? 400 : 1;
    const dx = ev.deltaX * unit;
    const dy = ev.deltaY * unit;
    const [x] = this.canvasPoint(ev, this.els.canvas);
    if (ev.altKey || x < LABEL_WIDTH) { // over the lane names, the wheel scrolls the lanes
      this.scrollY = Math.max(0, Math.min(maxScrollY(this.model.rows.length, this.renderer.height), this.scrollY + dy));
      this.actions.requestDraw();
    } else if (ev.shiftKey || Math.abs(dx) > Math.abs(dy)) {
      this.pan((dx || dy) / this.scale.pxPerSec);
    } else {
      this.zoom(Math.exp(-dy * 0.002), this.scale.toTime(Math.max(0, x - LABEL_WIDTH)));
    }
    this.tooltip.hide();
  }

  private onKey(ev: KeyboardEvent): void {
    const span = this.scale.span;
    let handled = true;
    switch (ev.key) {
      case 'ArrowLeft': if (ev.shiftKey) this.pan(-span * 0.1); else this.navigate((e) => stepInLane(this.model, e, -1)); break;
      case 'ArrowRight': if (ev.shiftKey) this.pan(span * 0.1); else this.navigate((e) => stepInLane(this.model, e, 1)); break;
      case 'ArrowUp': this.navigate((e) => nearestInAdjacentLane(this.model, e, -1)); break;
      case 'ArrowDown': this.navigate((e) => nearestInAdjacentLane(this.model, e, 1)); break;
      case 'Home': this.navigate((e) => laneEnd(this.model, e, 'first')); break;
      case 'End': this.navigate((e) => laneEnd(this.model, e, 'last')); break;
      case 'Enter': case ' ': if (this.focus >= 0) this.actions.goto(this.focus); break;
      case '+': case '=': this.zoom(1.5, this.focus >= 0 ? this.model.store.start[this.focus] : undefined); break;
      case '-': case '_': this.zoom(1 / 1.5, this.focus >= 0 ? this.model.store.start[this.focus] : undefined); break;
      case '0': this.fitAll(); break;
      case 'PageUp': this.scrollY = Math.max(0, this.scrollY - this.renderer.height / 2); this.actions.requestDraw(); break;
      case 'PageDown': this.scrollY = Math.min(maxScrollY(this.model.rows.length, this.renderer.height), this.scrollY + this.renderer.height / 2); this.actions.requestDraw(); break;
      default: handled = false;
    }
    if (handled) ev.preventDefault();
  }

  /** The focused event, or the cursor, or the first shown event: where keyboard moves start. */
  private anchorEvent(): number {
    if (this.focus >= 0) return this.focus;
    if (this.model.cursor >= 0) return this.model.cursor;
    return this.model.view.count > 0 ? this.model.view.row(0) : -1;
  }

  /** Moves the keyboard focus with one of the navigation rules; the first key press just shows where it is. */
  private navigate(rule: (e: number) => number): void {
    const e = this.anchorEvent();
    if (e < 0) return;
    if (this.focus < 0) { this.setFocus(e); return; }
    const next = rule(e);
    if (next >= 0) this.setFocus(next);
  }
}
