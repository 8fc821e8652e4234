/**
 * The whole panel: receives the extension's messages, keeps the store, the filter and the
 * lane layout, switches tabs, and schedules drawing (at most once per animation frame, only
 * the visible tab). Posts `ready` on start and `goto` / `revealSource` on the user's request.
 */
import { CLASS_LABELS, SYSCALL_CLASSES } from './classes';
import { EventView } from './event-view';
import { compileFilter, FilterError, parseFilter } from './filter';
import { layoutLanes } from './lane-layout';
import type { ExtensionToWebviewMessage, WebviewToExtensionMessage } from './messages';
import { EventStore } from './store';
import { SummaryView } from './summary-view';
import { TableView } from './table-view';
import { readPalette, watchTheme } from './theme';
import { TimelineView, type PanelModel } from './timeline-view';

export interface VsCodeApi {
  postMessage(message: WebviewToExtensionMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

type Tab = 'timeline' | 'table' | 'summary';
interface SavedState { filter?: string; tab?: Tab }

export type Elements = Record<'filter' | 'filterError' | 'status' | 'legend' | 'viewTimeline' | 'viewTable' | 'viewSummary' |
  'tooltip' | 'focusInfo' | 'tableScroll' | 'tableSpacer' | 'tableRows' | 'tabTimeline' | 'tabTable' | 'tabSummary' |
  'zoomIn' | 'zoomOut' | 'zoomFit', HTMLElement> & { timeline: HTMLCanvasElement; overview: HTMLCanvasElement; summary: HTMLTableElement; filter: HTMLInputElement };

export class Panel {
  readonly store = new EventStore();
  readonly model: PanelModel;
  readonly timeline: TimelineView;
  private readonly table: TableView;
  private readonly summary: SummaryView;
  private tab: Tab = 'timeline';
  private frame = 0;
  private viewId = 0;
  private pendingCursor: number | null = null;
  private runState = '';
  private filterTimer: ReturnType<typeof setTimeout> | null = null;
  private dataTimer: ReturnType<typeof setTimeout> | null = null;
  private lastDrawAt = 0;
  private lastDrawMs = 0;

  constructor(private readonly vscode: VsCodeApi, private readonly el: Elements) {
    this.model = { store: this.store, view: new EventView(this.store, null), rows: [], palette: readPalette(), cursor: -1 };
    const actions = {
      goto: (e: number) => this.post({ type: 'goto', seq: this.store.seq[e], threadId: this.store.tid[e] }),
      revealSource: (path: string, line: number) => this.post({ type: 'revealSource', path, line }),
      requestDraw: () => this.requestDraw(),
    };
    this.timeline = new TimelineView(this.model, { section: el.viewTimeline, canvas: el.timeline, overview: el.overview, tooltip: el.tooltip, focusInfo: el.focusInfo }, actions);
    this.table = new TableView(this.model, el.tableScroll, el.tableSpacer, el.tableRows, actions);
    this.summary = new SummaryView(this.model, el.summary, (name) => {
      el.filter.value = `name:"${name}"`;
      this.applyFilter();
      this.showTab('timeline');
    });
    this.buildLegend();
    this.bindControls();
    watchTheme(() => { this.model.palette = readPalette(); this.requestDraw(); });
    window.addEventListener('message', (ev: MessageEvent<unknown>) => this.onMessage(ev.data));
    const saved = (vscode.getState() ?? {}) as SavedState;
    if (saved.filter) { el.filter.value = saved.filter; this.applyFilter(); }
    this.showTab(saved.tab ?? 'timeline');
    this.updateStatus();
    this.post({ type: 'ready' });
  }

  private post(message: WebviewToExtensionMessage): void {
    this.vscode.postMessage(message);
  }

  onMessage(data: unknown): void {
    if (!data || typeof data !== 'object' || !('type' in data)) return;
    const msg = data as ExtensionToWebviewMessage;
    try {
      switch (msg.type) {
        case 'events': this.onEvents(msg); break;
        case 'cursor': this.moveCursor(msg.seq); break;
        case 'runState':
          this.runState = msg.state === 'ended'
            ? `ended${msg.exitCode !== undefined && msg.exitCode !== null ? `, exit code ${msg.exitCode}` : ''}`
            : msg.state === 'running' ? 'running (live)' : 'building…';
          if (msg.message) this.runState += ` — ${msg.message}`;
          this.updateStatus();
          break;
      }
    } catch (err) {
      this.el.status.textContent = `Could not show this data: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  private onEvents(msg: Extract<ExtensionToWebviewMessage, { type: 'events' }>): void {
    if (msg.reset) { this.model.cursor = -1; this.timeline.setFocus(-1); this.timeline.fitAll(); }
    this.store.append(msg);
    this.model.view.update();
    this.model.rows = layoutLanes([...this.store.lanes.values()].map((l) => [l.tid, l.tgid] as const), this.store.processes);
    if (this.pendingCursor !== null) this.moveCursor(this.pendingCursor);
    this.updateStatus();
    this.requestDataDraw();
  }

  /**
   * Redraw for new data: while batches stream in (a million events arrive as a hundred
   * messages), drawing every frame would spend more time drawing than loading, so data-driven
   * redraws wait at least 100 ms and three times the last draw's cost. Interaction is never delayed.
   */
  private requestDataDraw(): void {
    if (this.dataTimer) return;
    const wait = this.lastDrawAt + Math.max(100, 3 * this.lastDrawMs) - performance.now();
    if (wait <= 0) { this.requestDraw(); return; }
    this.dataTimer = setTimeout(() => { this.dataTimer = null; this.requestDraw(); }, wait);
  }

  private moveCursor(seq: number): void {
    const e = this.store.indexOfSeq(seq);
    if (e < 0) { this.pendingCursor = seq; return; } // its batch has not arrived yet
    this.pendingCursor = null;
    this.model.cursor = e;
    this.timeline.setFocus(e);
    this.table.reveal(e);
    this.requestDraw();
  }

  requestDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const t0 = performance.now();
      if (this.tab === 'timeline') this.timeline.draw();
      else if (this.tab === 'table') this.table.draw();
      else this.summary.draw(this.viewId);
      this.lastDrawAt = performance.now();
      this.lastDrawMs = this.lastDrawAt - t0;
    });
  }

  private applyFilter(): void {
    const text = this.el.filter.value;
    try {
      const predicate = compileFilter(parseFilter(text), this.store);
      this.model.view = new EventView(this.store, predicate);
      this.viewId++;
      this.el.filterError.textContent = '';
      this.el.filter.removeAttribute('aria-invalid');
    } catch (err) {
      if (!(err instanceof FilterError)) throw err;
      this.el.filterError.textContent = err.message;
      this.el.filter.setAttribute('aria-invalid', 'true');
    }
    this.saveState();
    this.updateStatus();
    this.requestDraw();
  }

  private showTab(tab: Tab): void {
    this.tab = tab;
    const tabs: [Tab, HTMLElement, HTMLElement][] = [
      ['timeline', this.el.tabTimeline, this.el.viewTimeline], ['table', this.el.tabTable, this.el.viewTable], ['summary', this.el.tabSummary, this.el.viewSummary],
    ];
    for (const [name, button, section] of tabs) {
      button.setAttribute('aria-selected', String(name === tab));
      button.tabIndex = name === tab ? 0 : -1;
      section.hidden = name !== tab;
    }
    for (const id of ['zoomIn', 'zoomOut', 'zoomFit'] as const) (this.el[id] as HTMLButtonElement).disabled = tab !== 'timeline';
    if (tab === 'timeline') this.timeline.layout();
    this.saveState();
    this.requestDraw();
  }

  private saveState(): void {
    this.vscode.setState({ filter: this.el.filter.value, tab: this.tab } satisfies SavedState);
  }

  private updateStatus(): void {
    const total = this.store.count;
    const shown = this.model.view.count;
    const parts = [`${total.toLocaleString('en-US')} events`];
    if (this.model.view.predicate) parts.push(`${shown.toLocaleString('en-US')} match the filter`);
    if (this.runState) parts.push(this.runState);
    this.el.status.textContent = parts.join(' · ');
  }

  private buildLegend(): void {
    const items: [string, string][] = SYSCALL_CLASSES.map((c, k) => [`swatch class-${c}`, CLASS_LABELS[k]]);
    items.push(['swatch mark-failed', 'failed call'], ['swatch mark-signal', 'signal delivered'], ['swatch mark-exit', 'exit'], ['swatch mark-cursor', 'debugger position']);
    for (const [cls, label] of items) {
      const item = document.createElement('span');
      item.className = 'legend-item';
      const swatch = document.createElement('span');
      swatch.className = cls;
      swatch.setAttribute('aria-hidden', 'true');
      item.append(swatch, label);
      this.el.legend.append(item);
    }
    const help = document.createElement('span');
    help.className = 'legend-help';
    help.textContent = 'wheel: zoom · shift+wheel or drag: pan · wheel over names: scroll lanes · click: go to call';
    this.el.legend.append(help);
  }

  private bindControls(): void {
    const el = this.el;
    el.filter.addEventListener('input', () => {
      if (this.filterTimer) clearTimeout(this.filterTimer);
      this.filterTimer = setTimeout(() => this.applyFilter(), 150);
    });
    el.filter.addEventListener('keydown', (e) => { if (e.key === 'Enter') { if (this.filterTimer) clearTimeout(this.filterTimer); this.applyFilter(); } });
    const order: Tab[] = ['timeline', 'table', 'summary'];
    const buttons = [el.tabTimeline, el.tabTable, el.tabSummary];
    buttons.forEach((b, k) => {
      b.addEventListener('click', () => this.showTab(order[k]));
      b.addEventListener('keydown', (e) => {
        const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (!d) return;
        const next = (k + d + order.length) % order.length;
        this.showTab(order[next]);
        buttons[next].focus();
        e.preventDefault();
      });
    });
    el.zoomIn.addEventListener('click', () => this.timeline.zoom(2));
    el.zoomOut.addEventListener('click', () => this.timeline.zoom(0.5));
    el.zoomFit.addEventListener('click', () => this.timeline.fitAll());
  }
}
