/**
 * The parser's per-pid bookkeeping: the `<unfinished ...>` call each pid has parked until its
 * `<... NAME resumed>` line, the `= ?` call (exit_group, killed inside a call) each pid keeps
 * until its `+++` line (strace prints those calls' `-k` frames after it), and which pid's
 * execve superseded a thread-group leader. Both maps are capped, so hostile input with
 * endless pids cannot grow memory; whatever leaves early is handed to `emit`.
 */
import type { SyscallRecord } from './types';

export interface Pending {
  rec: SyscallRecord;
  /** Bracket depth where the unfinished part stopped, so the resumed part is scanned in context. */
  depth: number;
}

/** Key for lines without a pid prefix. */
const NO_PID = -1;
/** Parked calls (or `= ?` calls awaiting their exit line) beyond this many pids are flushed oldest first. */
const MAX_PIDS = 65536;

function keyOf(pid: number | undefined): number {
  return pid ?? NO_PID;
}

export class PidBook {
  private readonly pending = new Map<number, Pending>();
  private readonly exitWaiters = new Map<number, SyscallRecord>();
  /** Thread-group leader pid → pid whose execve replaced it (`+++ superseded by execve in pid N +++`). */
  private readonly superseded = new Map<number, number>();

  /** `emit(rec, cutOff)`: a record leaves the book (cut off when it can no longer resume). */
  constructor(private readonly emit: (rec: SyscallRecord, cutOff: boolean) => void) {}

  park(rec: SyscallRecord, depth: number): void {
    this.pending.set(keyOf(rec.pid), { rec, depth });
    if (this.pending.size > MAX_PIDS) {
      // Far more parked calls than threads can exist: hostile input. Keep memory bounded.
      const [oldest, p] = this.pending.entries().next().value as [number, Pending];
      this.pending.delete(oldest);
      this.emit(p.rec, true);
    }
  }

  /** The parked call a `<... NAME resumed>` line of `pid` continues, if any. */
  takeResumed(pid: number | undefined, name: string): Pending | undefined {
    const key = keyOf(pid);
    const own = this.pending.get(key);
    if (own && own.rec.name === name) {
      this.pending.delete(key);
      return own;
    }
    // After a non-leader thread's execve the call resumes under the leader's pid.
    const by = pid === undefined ? undefined : this.superseded.get(pid);
    const other = by === undefined ? undefined : this.pending.get(by);
    if (by !== undefined && other && other.rec.name === name) {
      this.pending.delete(by);
      return other;
    }
    // stderr without -o: strace adds `[pid N] ` only once a second process exists, so a call
    // started unprefixed by the first process resumes with its pid.
    const anon = pid === undefined ? undefined : this.pending.get(NO_PID);
    if (anon && anon.rec.name === name) {
      this.pending.delete(NO_PID);
      anon.rec.pid = pid;
      return anon;
    }
    if (own) this.drop(pid);
    return undefined;
  }

  /** The pid's parked call, removed (for `<detached ...>`). */
  take(pid: number | undefined): Pending | undefined {
    const key = keyOf(pid);
    const p = this.pending.get(key);
    if (p) this.pending.delete(key);
    return p;
  }

  /** `rec`'s pending entry, removed, if `rec` is still the call parked for its pid. */
  takeCall(rec: SyscallRecord): Pending | undefined {
    const key = keyOf(rec.pid);
    const p = this.pending.get(key);
    if (!p || p.rec !== rec) return undefined;
    this.pending.delete(key);
    return p;
  }

  /** A pid's parked call that can no longer resume (new call, exit): it leaves as cut off. */
  drop(pid: number | undefined): void {
    const p = this.take(pid);
    if (p) this.emit(p.rec, true);
  }

  noteSuperseded(pid: number, byPid: number): void {
    this.superseded.set(pid, byPid);
  }

  /** Keeps a `= ?` call until its pid's next line (its frames may follow the `+++` line). */
  awaitExit(rec: SyscallRecord): void {
    const key = keyOf(rec.pid);
    const older = this.exitWaiters.get(key);
    if (older) this.emit(older, false);
    this.exitWaiters.set(key, rec);
    if (this.exitWaiters.size > MAX_PIDS) {
      const [oldest, w] = this.exitWaiters.entries().next().value as [number, SyscallRecord];
      this.exitWaiters.delete(oldest);
      this.emit(w, false);
    }
  }

  /** The `= ?` call `pid` left waiting, removed; cheap when none wait. */
  takeWaiter(pid: number | undefined): SyscallRecord | undefined {
    if (this.exitWaiters.size === 0) return undefined;
    const key = keyOf(pid);
    const w = this.exitWaiters.get(key);
    if (w) this.exitWaiters.delete(key);
    return w;
  }

  /** End of input: waiting `= ?` calls, then never-resumed calls (cut off), each in line order. */
  drain(): void {
    const waiting = [...this.exitWaiters.values()].sort((a, b) => a.lines[0]! - b.lines[0]!);
    this.exitWaiters.clear();
    for (const w of waiting) this.emit(w, false);
    const left = [...this.pending.values()].sort((a, b) => a.rec.lines[0]! - b.rec.lines[0]!);
    this.pending.clear();
    for (const p of left) this.emit(p.rec, true);
  }
}
