/**
 * Entry point of the timeline webview bundle (dist/webview.js): finds the skeleton that
 * html.ts wrote, starts the panel, and exposes a small read-only hook for the tests and the
 * benchmark (where an event is drawn, how long the last redraw took).
 */
import { TIMELINE_ELEMENT_IDS } from './html';
import { Panel, type Elements, type VsCodeApi } from './panel';

declare function acquireVsCodeApi(): VsCodeApi;

function camel(id: string): string {
  return id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function findElements(): Elements {
  const found: Record<string, HTMLElement> = {};
  for (const id of TIMELINE_ELEMENT_IDS) {
    const el = document.getElementById(id);
    if (!el) throw new Error(`Syscall Lens timeline: element #${id} is missing; build the page with timelineHtml() from extension/webview/html.ts`);
    found[camel(id)] = el;
  }
  return found as Elements;
}

const panel = new Panel(acquireVsCodeApi(), findElements());

/** Test and benchmark hook: geometry and draw statistics, nothing that changes state. */
Object.defineProperty(window, 'syscallLensTimeline', {
  value: Object.freeze({
    eventBox(seq: number): { x: number; y: number; w: number; h: number } | null {
      const e = panel.store.indexOfSeq(seq);
      const box = e >= 0 ? panel.timeline.eventBox(e) : null;
      if (!box) return null;
      const r = (document.getElementById('timeline') as HTMLCanvasElement).getBoundingClientRect();
      return { x: box.x + r.left, y: box.y + r.top, w: box.w, h: box.h };
    },
    stats(): { events: number; shown: number; draws: number; lastDrawMs: number; drawnEvents: number; overviewEvents: number } {
      const t = panel.timeline;
      return { events: panel.store.count, shown: panel.model.view.count, draws: t.draws, lastDrawMs: t.lastDrawMs, drawnEvents: t.drawnEvents, overviewEvents: t.overviewEvents };
    },
  }),
});
