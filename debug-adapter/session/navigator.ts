/**
 * Where a step lands. The recording is fixed; a step is a search from the cursor through one
 * thread's events, forwards or backwards — one code path with a direction flag, so step back
 * is the exact mirror of step. `stepIn` takes the thread's very next event; `next` skips
 * the rest of the same line execution and stops at the next user syscall made anywhere else —
 * another line, a user function the line called (unlike a source debugger: a learner must see
 * the `unshare` inside a helper, not step over it), or the same line's next iteration (a
 * repeated stack signature); `stepOut` stops at the first event made by a caller. A forward search that reaches the end of a live recording
 * reports 'need-more' and is resumed, state intact, when events are appended.
 */
import type { TraceEvent, TraceModelView } from '../engine/types';

export type Direction = 1 | -1;
export type StepKind = 'stepIn' | 'next' | 'stepOut';
/** A landing seq, 'need-more' (live end reached, call again after appends) or 'exhausted'. */
export type SearchResult = number | 'need-more' | 'exhausted';

export interface Search {
  advance(): SearchResult;
}

/** Index of the first element > seq (forward) or of the last element < seq (backward); -1/length when none. */
export function neighbourIndex(seqs: readonly number[], seq: number, dir: Direction): number {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seqs[mid] <= seq) lo = mid + 1;
    else hi = mid;
  }
  // lo = first index with seqs[i] > seq
  if (dir === 1) return lo;
  return seqs[lo - 1] === seq ? lo - 2 : lo - 1;
}

/** Facts about an event that stepping compares. */
interface Place {
  /** Line (user code) or function (justMyCode off) the event is attributed to; null = not a stop candidate. */
  key: string | null;
  /** Frames from the user frame outwards; 0 when unknown (no -k). */
  depth: number;
  /** Same line executed again vs another call of the same execution. */
  signature: string;
}

export function placeOf(e: TraceEvent, justMyCode: boolean): Place {
  const userIndex = e.stack.findIndex((f) => f.user);
  const depth = userIndex >= 0 ? e.stack.length - userIndex : 0;
  let key: string | null = e.source ? `${e.source.path}:${e.source.line}` : null;
  if (!key && !justMyCode) key = `fn:${e.stack[0]?.module ?? ''}:${e.stack[0]?.function ?? e.name}`;
  const signature = `${e.name}|${e.stack.map((f) => f.offset).join(',')}`;
  return { key, depth, signature };
}

const shallower = (a: number, b: number): boolean => a > 0 && b > 0 && a < b;

export interface StepRequest {
  kind: StepKind;
  dir: Direction;
  tid: number;
  /** The cursor: the search starts after (or before) this seq. */
  fromSeq: number;
  justMyCode: boolean;
  /** Asked about every event the search passes; true stops there (a breakpoint inside a stepped-over call). */
  interrupt?: (seq: number) => boolean;
}

/** A resumable search for the landing event of one step. */
export function createStepSearch(model: TraceModelView, req: StepRequest): Search {
  const { kind, dir, tid, justMyCode } = req;
  const events = () => model.threadEvents(tid);
  let index = neighbourIndex(events(), req.fromSeq, dir);
  // Stepping a thread other than the cursor's starts from that thread's last event before the cursor.
  const own = events();
  const originSeq = req.fromSeq >= 0 && req.fromSeq < model.length && model.event(req.fromSeq).pid === tid
    ? req.fromSeq
    : own[neighbourIndex(own, req.fromSeq + 1, -1)];
  const origin = originSeq !== undefined ? placeOf(model.event(originSeq), justMyCode) : null;
  const seen = new Set<string>(origin ? [origin.signature] : []);
  // Backward `next`: once the previous line is found, keep walking to the start of its execution.
  let landing: { seq: number; place: Place; seen: Set<string> } | null = null;

  function consider(seq: number): 'stop' | 'skip' | 'done' {
    const p = placeOf(model.event(seq), justMyCode);
    if (kind === 'stepIn') return 'stop';
    if (landing) {
      if (p.key === null) return 'skip';
      const same = p.key === landing.place.key && p.depth === landing.place.depth && !landing.seen.has(p.signature);
      if (!same) return 'done';
      landing.seen.add(p.signature);
      landing.seq = seq;
      return 'skip';
    }
    if (p.key === null) return 'skip';
    if (!origin || origin.key === null) return 'stop';
    if (kind === 'stepOut') return shallower(p.depth, origin.depth) || (origin.depth === 0 && p.key !== origin.key) ? 'stop' : 'skip';
    const newPlace = p.depth !== origin.depth || p.key !== origin.key || seen.has(p.signature);
    if (!newPlace) { seen.add(p.signature); return 'skip'; }
    return 'stop';
  }

  return {
    advance() {
      for (;;) {
        const seqs = events();
        if (index < 0 || index >= seqs.length) {
          if (landing) { const s = landing.seq; landing = null; return s; }
          return dir === 1 && !model.ended ? 'need-more' : 'exhausted';
        }
        const seq = seqs[index];
        const verdict = consider(seq);
        // 'done' means this event lies beyond the landing: it is never visited, so never interrupts.
        if (verdict === 'done' && landing) { const s = landing.seq; landing = null; return s; }
        if (verdict !== 'stop' && req.interrupt?.(seq)) { index += dir; landing = null; return seq; }
        index += dir;
        if (verdict !== 'stop') continue;
        if (dir === 1 || kind !== 'next') return seq;
        const place = placeOf(model.event(seq), justMyCode);
        landing = { seq, place, seen: new Set([place.signature]) };
      }
    },
  };
}
