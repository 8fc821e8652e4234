/**
 * One file-descriptor table over time. A table belongs to one or more threads (CLONE_FILES
 * shares it; fork copies it into a new table). Changes are logged as (seq, fd, entry|removed);
 * a snapshot is kept every so often so "the table just after event N" is a binary search plus
 * a short replay, never a replay from the start. Snapshots are taken after at least
 * max(32, table size) changes, so their memory stays proportional to the log.
 */
import type { FdEntry } from '../types';

const MIN_CHECKPOINT_GAP = 32;

interface Checkpoint {
  /** Number of log entries already applied in `entries`. */
  logLength: number;
  entries: FdEntry[];
}

export class FdTable {
  /** The table as it is after the last appended event. */
  readonly current = new Map<number, FdEntry>();
  private readonly logSeq: number[] = [];
  private readonly logFd: number[] = [];
  /** The new entry, or null when the fd was closed. */
  private readonly logEntry: (FdEntry | null)[] = [];
  private readonly checkpoints: Checkpoint[];
  private sinceCheckpoint = 0;

  constructor(readonly id: number, initial: Iterable<FdEntry> = []) {
    for (const e of initial) this.current.set(e.fd, e);
    this.checkpoints = [{ logLength: 0, entries: [...this.current.values()] }];
  }

  set(seq: number, entry: FdEntry): void {
    this.current.set(entry.fd, entry);
    this.log(seq, entry.fd, entry);
  }

  remove(seq: number, fd: number): void {
    if (!this.current.delete(fd)) return;
    this.log(seq, fd, null);
  }

  /** The table just after event `seq` (entries by fd number). */
  at(seq: number): FdEntry[] {
    // Last log index whose seq ≤ the asked one.
    let lo = 0;
    let hi = this.logSeq.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.logSeq[mid] <= seq) lo = mid + 1;
      else hi = mid;
    }
    const upTo = lo;
    // Last checkpoint taken at or before that log index.
    let cLo = 0;
    let cHi = this.checkpoints.length;
    while (cLo < cHi) {
      const mid = (cLo + cHi) >> 1;
      if (this.checkpoints[mid].logLength <= upTo) cLo = mid + 1;
      else cHi = mid;
    }
    const checkpoint = this.checkpoints[cLo - 1];
    const table = new Map<number, FdEntry>();
    for (const e of checkpoint.entries) table.set(e.fd, e);
    for (let i = checkpoint.logLength; i < upTo; i++) {
      const entry = this.logEntry[i];
      if (entry) table.set(this.logFd[i], entry);
      else table.delete(this.logFd[i]);
    }
    return [...table.values()].sort((a, b) => a.fd - b.fd);
  }

  private log(seq: number, fd: number, entry: FdEntry | null): void {
    this.logSeq.push(seq);
    this.logFd.push(fd);
    this.logEntry.push(entry);
    if (++this.sinceCheckpoint >= Math.max(MIN_CHECKPOINT_GAP, this.current.size)) {
      this.checkpoints.push({ logLength: this.logSeq.length, entries: [...this.current.values()] });
      this.sinceCheckpoint = 0;
    }
  }
}
