/**
 * Orders the lanes: one per process and thread, each process's main thread first with the
 * process's name, its other threads indented under it, processes in the order they first
 * appear. Threads the process snapshots list but that made no call yet still get a lane, so
 * a learner sees a thread exist before it does anything. Pure: rows in, rows out.
 */
import type { ProcessSnapshot } from '../../debug-adapter/protocol';

export interface LaneRow {
  tid: number;
  tgid: number;
  /** Text shown at the left of the lane (from the trace: drawn with fillText only). */
  label: string;
  /** The main thread of its process: label in bold, a separator line above. */
  processHead: boolean;
}

/** `seen`: [tid, tgid] pairs in first-appearance order (the store's lanes map order). */
export function layoutLanes(seen: Iterable<readonly [number, number]>, processes: ReadonlyMap<number, ProcessSnapshot>): LaneRow[] {
  const groups = new Map<number, number[]>(); // tgid -> tids, first appearance order
  const add = (tgid: number, tid: number): void => {
    let g = groups.get(tgid);
    if (!g) { g = []; groups.set(tgid, g); }
    if (!g.includes(tid)) g.push(tid);
  };
  for (const [tid, tgid] of seen) add(tgid, tid);
  for (const p of processes.values()) {
    if (!groups.has(p.pid)) add(p.pid, p.pid);
    for (const t of p.threads) add(p.pid, t);
  }
  const rows: LaneRow[] = [];
  for (const [tgid, tids] of groups) {
    const others = tids.filter((t) => t !== tgid).sort((a, b) => a - b);
    const p = processes.get(tgid);
    const program = p?.program ? basename(p.program) : 'process';
    const exited = p?.exited ? ' (exited)' : '';
    rows.push({ tid: tgid, tgid, label: `${program} [${tgid}]${exited}`, processHead: true });
    for (const tid of others) rows.push({ tid, tgid, label: `  thread ${tid}`, processHead: false });
  }
  return rows;
}

function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 && i < path.length - 1 ? path.slice(i + 1) : path;
}
