/**
 * Which threads the client has been told about, kept relative to the cursor. In a recording the
 * threads that exist depend on where the cursor is, not on how far the recording has grown: a
 * fast program's thread may already have exited in the recording while the learner is stopped on
 * its first syscall. So `thread` events are computed at each stop — the threads alive at the new
 * cursor against those last announced — and sent before the `stopped` event: a thread event
 * after it would cancel VS Code's pending handling of that stop (the step buttons go grey).
 * While the cursor runs ahead with a live recording only newly started threads are announced
 * (so a client can pause one); exits wait for the next stop, which they cannot contradict.
 */
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { TraceModelView } from '../engine/types';
import { threadsAt } from './threads';

export interface ThreadChange { reason: 'started' | 'exited'; threadId: number }

export class ThreadAnnouncer {
  /** Announced thread id → its name, for the `threads` answer while running. */
  private readonly announced = new Map<number, string>();

  /** The changes that bring the client to the threads alive at `seq`, exits first. */
  atStop(model: TraceModelView, seq: number): ThreadChange[] {
    const alive = threadsAt(model, seq);
    const ids = new Set(alive.map((t) => t.id));
    const changes: ThreadChange[] = [];
    for (const tid of [...this.announced.keys()]) {
      if (!ids.has(tid)) { this.announced.delete(tid); changes.push({ reason: 'exited', threadId: tid }); }
    }
    for (const t of alive) {
      if (!this.announced.has(t.id)) changes.push({ reason: 'started', threadId: t.id });
      this.announced.set(t.id, t.name);
    }
    return changes;
  }

  /** While running: threads alive at the newest event that the client has not heard of yet. */
  whileRunning(model: TraceModelView): ThreadChange[] {
    if (model.length === 0) return [];
    const changes: ThreadChange[] = [];
    for (const t of threadsAt(model, model.length - 1)) {
      if (this.announced.has(t.id)) continue;
      this.announced.set(t.id, t.name);
      changes.push({ reason: 'started', threadId: t.id });
    }
    return changes;
  }

  /** The threads the client knows of: the answer to `threads` while the cursor is not at rest. */
  list(): DebugProtocol.Thread[] {
    return [...this.announced].map(([id, name]) => ({ id, name }));
  }
}
