/**
 * Keyboard navigation between events, as pure functions over the shown events: the next or
 * previous call of the same thread, the first or last of its lane, and the call nearest in
 * time in the lane above or below (skipping lanes the filter emptied). Kept apart from the
 * key handling so the rules are tested in Node.
 */
import type { EventView } from './event-view';
import { lowerBoundByStart } from './int-list';
import type { LaneRow } from './lane-layout';
import type { EventStore } from './store';

export interface NavigationContext {
  store: EventStore;
  view: Pick<EventView, 'lane'>;
  rows: readonly LaneRow[];
}

/** Where event `e` sits in its (shown) lane; an event the filter hides maps to the nearest shown one. */
function lanePosition(c: NavigationContext, e: number): { idx: Int32Array; len: number; pos: number } | null {
  const lane = c.view.lane(c.store.tid[e]);
  if (!lane || lane.events.length === 0) return null;
  const idx = lane.events.data;
  const len = lane.events.length;
  const first = lowerBoundByStart(idx, len, c.store.start, c.store.start[e]);
  let pos = first;
  while (pos < len && idx[pos] !== e) pos++;
  return { idx, len, pos: pos < len ? pos : Math.min(len - 1, first) };
}

/** The next (dir 1) or previous (-1) shown event of the same thread, or -1 at the lane's end. */
export function stepInLane(c: NavigationContext, e: number, dir: 1 | -1): number {
  const lp = lanePosition(c, e);
  if (!lp) return -1;
  const next = lp.pos + dir;
  return next >= 0 && next < lp.len ? lp.idx[next] : -1;
}

/** The first or last shown event of e's lane, or -1. */
export function laneEnd(c: NavigationContext, e: number, where: 'first' | 'last'): number {
  const lp = lanePosition(c, e);
  return lp ? lp.idx[where === 'first' ? 0 : lp.len - 1] : -1;
}

/** The shown event nearest in time to `e` in the closest non-empty lane above (-1) or below (1), or -1. */
export function nearestInAdjacentLane(c: NavigationContext, e: number, dir: 1 | -1): number {
  const { rows, store } = c;
  const t = store.start[e];
  for (let r = rows.findIndex((row) => row.tid === store.tid[e]) + dir; r >= 0 && r < rows.length; r += dir) {
    const lane = c.view.lane(rows[r].tid);
    if (!lane || lane.events.length === 0) continue;
    const idx = lane.events.data;
    const p = Math.min(lane.events.length - 1, lowerBoundByStart(idx, lane.events.length, store.start, t));
    const before = p > 0 ? idx[p - 1] : -1;
    return before >= 0 && t - store.start[before] < store.start[idx[p]] - t ? before : idx[p];
  }
  return -1;
}
