/**
 * The table tab: the shown events as rows, virtualised so a million rows cost as much as the
 * forty on screen. A fixed pool of row elements is refilled (textContent only) as the user
 * scrolls; past about ten million pixels the scrollbar maps proportionally to rows, since
 * browsers cap element heights. Click or Enter on a row moves the debugger there; a click on
 * the source cell opens the source line.
 */
import { describeEvent } from './describe';
import type { PanelModel } from './timeline-view';

export const TABLE_ROW_HEIGHT = 22;
const MAX_SPACER_PX = 10_000_000;
const COLUMNS = ['#', 'time (s)', 'thread', 'syscall', 'call as strace printed it', 'result', 'duration', 'source'];

export interface TableActions {
  goto(event: number): void;
  revealSource(path: string, line: number): void;
}

export class TableView {
  /** Position in the shown events of the selected row, or -1. */
  private selected = -1;
  private readonly pool: HTMLElement[] = [];
  private first = 0;
  private revealPending = false;

  constructor(private readonly model: PanelModel, private readonly scroller: HTMLElement, private readonly spacer: HTMLElement,
    private readonly rowsEl: HTMLElement, private readonly actions: TableActions) {
    const header = document.createElement('div');
    header.className = 'trow theader';
    header.setAttribute('role', 'row');
    for (const c of COLUMNS) {
      const cell = document.createElement('span');
      cell.setAttribute('role', 'columnheader');
      cell.textContent = c;
      header.append(cell);
    }
    scroller.before(header);
    scroller.addEventListener('scroll', () => this.draw());
    scroller.addEventListener('keydown', (e) => this.onKey(e));
    rowsEl.addEventListener('click', (e) => this.onClick(e));
    new ResizeObserver(() => this.draw()).observe(scroller);
  }

  private get spacerHeight(): number {
    return Math.min(this.model.view.count * TABLE_ROW_HEIGHT, MAX_SPACER_PX);
  }

  /** Row position shown at the top for the current scrollTop. */
  private firstRow(visible: number): number {
    const count = this.model.view.count;
    const full = count * TABLE_ROW_HEIGHT;
    if (full <= MAX_SPACER_PX) return Math.floor(this.scroller.scrollTop / TABLE_ROW_HEIGHT);
    const range = Math.max(1, this.spacerHeight - this.scroller.clientHeight);
    return Math.round((this.scroller.scrollTop / range) * Math.max(0, count - visible + 1));
  }

  draw(): void {
    const { view, store } = this.model;
    const h = this.scroller.clientHeight;
    if (h === 0) return;
    this.spacer.style.height = `${this.spacerHeight}px`;
    if (this.revealPending) { this.revealPending = false; this.select(this.selected); return; }
    const visible = Math.ceil(h / TABLE_ROW_HEIGHT) + 1;
    const first = Math.max(0, Math.min(this.firstRow(visible), view.count - visible + 1));
    this.first = first;
    const exact = view.count * TABLE_ROW_HEIGHT <= MAX_SPACER_PX;
    const top = exact ? first * TABLE_ROW_HEIGHT : this.scroller.scrollTop;
    this.rowsEl.style.transform = `translateY(${top}px)`;
    while (this.pool.length < visible) this.pool.push(this.makeRow());
    for (let k = 0; k < this.pool.length; k++) {
      const row = this.pool[k];
      const pos = first + k;
      if (k >= visible || pos >= view.count) {
        // A pooled row out of use keeps no stale call text: nothing (a test, a screen reader's
        // find) can take it for a row of the current filter.
        if (!row.hidden) { row.hidden = true; for (const cell of row.children) cell.textContent = ''; delete row.dataset.pos; }
        continue;
      }
      row.hidden = false;
      const e = view.row(pos);
      const d = describeEvent(store, e);
      const cells = row.children;
      cells[0].textContent = String(store.seq[e]);
      cells[1].textContent = store.start[e].toFixed(6);
      cells[2].textContent = String(store.tid[e]);
      cells[3].textContent = d.name;
      cells[4].textContent = d.raw;
      cells[5].textContent = d.result;
      cells[6].textContent = d.duration;
      cells[7].textContent = d.source;
      row.dataset.pos = String(pos);
      row.classList.toggle('failed', store.errno[e] >= 0);
      row.classList.toggle('cursor', e === this.model.cursor);
      row.classList.toggle('selected', pos === this.selected);
      row.setAttribute('aria-selected', String(pos === this.selected));
    }
  }

  /** Selects and scrolls to event index `e` if the filter shows it. */
  reveal(e: number): void {
    const { view } = this.model;
    let lo = 0;
    let hi = view.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (view.row(mid) < e) lo = mid + 1; else hi = mid;
    }
    if (lo < view.count && view.row(lo) === e) this.select(lo);
  }

  private select(pos: number): void {
    const count = this.model.view.count;
    if (count === 0) return;
    this.selected = Math.max(0, Math.min(count - 1, pos));
    if (this.scroller.clientHeight === 0) { this.revealPending = true; return; } // hidden tab: scroll when shown
    const visible = Math.floor(this.scroller.clientHeight / TABLE_ROW_HEIGHT);
    if (this.selected < this.first || this.selected >= this.first + visible - 1) {
      const target = Math.max(0, this.selected - Math.floor(visible / 2));
      const exact = count * TABLE_ROW_HEIGHT <= MAX_SPACER_PX;
      this.scroller.scrollTop = exact ? target * TABLE_ROW_HEIGHT
        : (target / Math.max(1, count - visible + 1)) * Math.max(1, this.spacerHeight - this.scroller.clientHeight);
    }
    this.draw();
  }

  private makeRow(): HTMLElement {
    const row = document.createElement('div');
    row.className = 'trow';
    row.setAttribute('role', 'row');
    for (let c = 0; c < COLUMNS.length; c++) {
      const cell = document.createElement('span');
      cell.setAttribute('role', 'gridcell');
      if (c === 7) { cell.className = 'source-cell'; cell.title = 'Open this source line'; }
      row.append(cell);
    }
    this.rowsEl.append(row);
    return row;
  }

  private onClick(ev: MouseEvent): void {
    const row = (ev.target as HTMLElement).closest<HTMLElement>('.trow');
    if (!row?.dataset.pos) return;
    const pos = Number(row.dataset.pos);
    this.select(pos);
    const e = this.model.view.row(pos);
    const s = this.model.store;
    if ((ev.target as HTMLElement).classList.contains('source-cell') && s.sourcePath[e] >= 0) {
      this.actions.revealSource(s.strings[s.sourcePath[e]], s.sourceLine[e]);
    } else {
      this.actions.goto(e);
    }
  }

  private onKey(ev: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.scroller.clientHeight / TABLE_ROW_HEIGHT) - 1);
    const cur = this.selected < 0 ? this.first - 1 : this.selected;
    const moves: Record<string, number> = { ArrowDown: cur + 1, ArrowUp: cur - 1, PageDown: cur + page, PageUp: cur - page, Home: 0, End: this.model.view.count - 1 };
    if (ev.key in moves) {
      this.select(moves[ev.key]);
    } else if (ev.key === 'Enter' && this.selected >= 0) {
      this.actions.goto(this.model.view.row(this.selected));
    } else {
      return;
    }
    ev.preventDefault();
  }
}
