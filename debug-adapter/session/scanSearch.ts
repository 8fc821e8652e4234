/**
 * The search behind continue, reverse continue and stop-on-entry: walk the whole recording
 * (every thread) from the cursor in one direction until `stopAt` names a reason. Like a step,
 * a forward walk that reaches the end of a live recording says 'need-more' and resumes later.
 */
import type { TraceModelView } from '../engine/types';
import type { Direction, Search, SearchResult } from './navigator';

export function createScanSearch(model: TraceModelView, fromSeq: number, dir: Direction, stopAt: (seq: number) => boolean): Search {
  let seq = fromSeq + dir;
  return {
    advance(): SearchResult {
      for (; seq >= 0 && seq < model.length; seq += dir) {
        if (stopAt(seq)) { const hit = seq; seq += dir; return hit; }
      }
      if (seq < 0) return 'exhausted';
      return model.ended ? 'exhausted' : 'need-more';
    },
  };
}
