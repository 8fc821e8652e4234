/**
 * The events the panel currently shows: all of them, or those a filter matches, organised
 * like the store (per-lane lists sorted by start, plus every index in recording order for
 * the table and summary). It follows the store as batches arrive, testing only the new
 * events, so a filter stays applied while the recording grows.
 */
import { FloatList, IntList } from './int-list';
import type { EventStore, Lane } from './store';
import { TYPE_SYSCALL } from './store';

export type EventPredicate = (i: number) => boolean;

export class EventView {
  private readonly filtered = new Map<number, Lane>();
  private readonly rowList = new IntList(1024);
  /** Events [0, indexed) of the store have been tested. */
  private indexed = 0;
  private storeVersion = -1;
  private generation: number;

  constructor(private readonly store: EventStore, readonly predicate: EventPredicate | null) {
    this.generation = store.generation;
    this.update();
  }

  /** Number of events shown. */
  get count(): number {
    return this.predicate ? this.rowList.length : this.store.count;
  }

  /** The k-th shown event (recording order). */
  row(k: number): number {
    return this.predicate ? this.rowList.data[k] : k;
  }

  lane(tid: number): Lane | undefined {
    const lane = this.predicate ? this.filtered.get(tid) : this.store.lanes.get(tid);
    if (lane && !lane.sorted) this.store.sortLane(lane);
    return lane;
  }

  /** Brings the view up to date with the store; returns true if anything changed. */
  update(): boolean {
    const s = this.store;
    if (s.version === this.storeVersion) return false;
    if (s.generation !== this.generation) { // the store was reset: a new recording
      this.generation = s.generation;
      this.indexed = 0;
      this.filtered.clear();
      this.rowList.clear();
    }
    this.storeVersion = s.version;
    const p = this.predicate;
    if (p) {
      for (let i = this.indexed; i < s.count; i++) {
        if (!p(i)) continue;
        this.rowList.push(i);
        const tid = s.tid[i];
        let lane = this.filtered.get(tid);
        if (!lane) {
          lane = { tid, tgid: s.tgid[i], events: new IntList(64), starts: new FloatList(64), marks: new IntList(16), sorted: true };
          this.filtered.set(tid, lane);
        }
        const n = lane.events.length;
        if (n > 0 && s.start[lane.events.data[n - 1]] > s.start[i]) lane.sorted = false;
        lane.events.push(i);
        lane.starts.push(s.start[i]);
        if (s.errno[i] >= 0 || s.type[i] !== TYPE_SYSCALL) lane.marks.push(i);
      }
    }
    this.indexed = s.count;
    return true;
  }
}
