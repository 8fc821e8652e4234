/**
 * The summary tab: `strace -c` for the shown events — per syscall, calls, errors, total and
 * mean time and share of time — in a table whose column headers sort it (click again to
 * reverse). Recomputed only when the data or the filter changed since it was last shown.
 * Clicking (or Enter on) a row filters every view to that syscall.
 */
import { formatDuration } from './format';
import { sortSummary, summarize, type SummaryKey, type SummaryRow } from './summary';
import type { PanelModel } from './timeline-view';

const COLUMNS: readonly [SummaryKey, string][] = [
  ['percent', '% time'], ['total', 'total time'], ['mean', 'mean / call'], ['calls', 'calls'], ['errors', 'errors'], ['name', 'syscall'],
];

export class SummaryView {
  private rows: SummaryRow[] = [];
  private sortKey: SummaryKey = 'total';
  private sortDir: 'asc' | 'desc' = 'desc';
  private computedFor = '';
  private readonly body: HTMLTableSectionElement;
  private readonly headers = new Map<SummaryKey, HTMLTableCellElement>();

  constructor(private readonly model: PanelModel, table: HTMLTableElement, private readonly onPick: (name: string) => void) {
    const head = table.createTHead().insertRow();
    for (const [key, label] of COLUMNS) {
      const th = document.createElement('th');
      th.scope = 'col';
      const button = document.createElement('button');
      button.textContent = label;
      button.addEventListener('click', () => this.sortBy(key));
      th.append(button);
      head.append(th);
      this.headers.set(key, th);
    }
    this.body = table.createTBody();
    table.createCaption().textContent = 'Time per syscall, like strace -c. Click a column to sort, a row to show only that syscall.';
    const pick = (ev: Event): void => {
      const tr = (ev.target as HTMLElement).closest('tr');
      const name = tr?.dataset.name;
      if (name !== undefined) this.onPick(name);
    };
    this.body.addEventListener('click', pick);
    this.body.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') pick(ev); });
  }

  private sortBy(key: SummaryKey): void {
    if (this.sortKey === key) this.sortDir = this.sortDir === 'asc' ? 'desc' : 'asc';
    else { this.sortKey = key; this.sortDir = key === 'name' ? 'asc' : 'desc'; }
    sortSummary(this.rows, this.sortKey, this.sortDir);
    this.render();
  }

  draw(viewId: number): void {
    const key = `${viewId}:${this.model.store.version}:${this.model.view.count}`;
    if (key === this.computedFor) return;
    this.computedFor = key;
    this.rows = sortSummary(summarize(this.model.store, this.model.view), this.sortKey, this.sortDir);
    this.render();
  }

  private render(): void {
    for (const [key, th] of this.headers) {
      th.setAttribute('aria-sort', key === this.sortKey ? (this.sortDir === 'asc' ? 'ascending' : 'descending') : 'none');
    }
    const fragment = document.createDocumentFragment();
    for (const r of this.rows) {
      const tr = document.createElement('tr');
      const cells = [r.percent.toFixed(2), formatDuration(r.total), formatDuration(r.mean), String(r.calls), r.errors ? String(r.errors) : '', r.name];
      for (const text of cells) tr.insertCell().textContent = text;
      if (r.errors) tr.cells[4].className = 'failed';
      tr.dataset.name = r.name;
      tr.tabIndex = 0;
      fragment.append(tr);
    }
    this.body.replaceChildren(fragment);
  }
}
