/**
 * DAP threads are the traced processes and threads: `hello (pid 12)` for a process's main
 * thread, `hello [tid 14]` for its other threads. The list a stop shows is the threads alive
 * at the cursor (started at or before it, not yet exited), so stepping back in time brings
 * back threads that exited later.
 */
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { TraceModelView } from '../engine/types';

export function threadName(model: TraceModelView, tid: number): string {
  const first = model.threadEvents(tid)[0];
  const tgid = first !== undefined ? model.event(first).tgid : tid;
  const program = model.process(tgid)?.program || 'process';
  return tid === tgid ? `${program} (pid ${tid})` : `${program} [tid ${tid}]`;
}

/** True when the thread's last event is its exit and the cursor is past it. */
function exitedBefore(model: TraceModelView, tid: number, seq: number): boolean {
  const seqs = model.threadEvents(tid);
  const last = seqs[seqs.length - 1];
  return last !== undefined && last < seq && model.event(last).type === 'exit';
}

export function threadsAt(model: TraceModelView, cursor: number): DebugProtocol.Thread[] {
  const out: DebugProtocol.Thread[] = [];
  for (const tid of model.threads()) {
    const first = model.threadEvents(tid)[0];
    if (cursor >= 0 && (first === undefined || first > cursor || exitedBefore(model, tid, cursor))) continue;
    out.push({ id: tid, name: threadName(model, tid) });
  }
  return out;
}
