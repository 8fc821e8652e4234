/**
 * The summary view's numbers, like `strace -c`: per syscall name, how many calls, how many
 * failed, total and mean time, and share of all syscall time; sortable by any column.
 * Computed over the events the filter shows. Pure, so it is tested in Node.
 */
import type { EventView } from './event-view';
import type { EventStore } from './store';
import { TYPE_SYSCALL } from './store';

export interface SummaryRow {
  name: string;
  calls: number;
  errors: number;
  /** Seconds. */
  total: number;
  /** Seconds per call. */
  mean: number;
  /** Percent of the total time of all rows. */
  percent: number;
}

export type SummaryKey = keyof SummaryRow;

export function summarize(store: EventStore, view: Pick<EventView, 'count' | 'row'>): SummaryRow[] {
  const calls = new Map<number, number>();
  const errors = new Map<number, number>();
  const total = new Map<number, number>();
  const n = view.count;
  for (let k = 0; k < n; k++) {
    const i = view.row(k);
    if (store.type[i] !== TYPE_SYSCALL) continue;
    const id = store.name[i];
    calls.set(id, (calls.get(id) ?? 0) + 1);
    total.set(id, (total.get(id) ?? 0) + store.duration[i]);
    if (store.errno[i] >= 0) errors.set(id, (errors.get(id) ?? 0) + 1);
  }
  let all = 0;
  for (const t of total.values()) all += t;
  const rows: SummaryRow[] = [];
  for (const [id, c] of calls) {
    const t = total.get(id) ?? 0;
    rows.push({
      name: id >= 0 ? store.strings[id] : '?',
      calls: c,
      errors: errors.get(id) ?? 0,
      total: t,
      mean: t / c,
      percent: all > 0 ? (t / all) * 100 : 0,
    });
  }
  return sortSummary(rows, 'total', 'desc');
}

/** Sorts in place and returns the rows; ties break by name so the order is stable. */
export function sortSummary(rows: SummaryRow[], key: SummaryKey, dir: 'asc' | 'desc'): SummaryRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const c = typeof x === 'string' ? x.localeCompare(y as string) : (x as number) - (y as number);
    return c !== 0 ? c * sign : a.name.localeCompare(b.name);
  });
  return rows;
}
