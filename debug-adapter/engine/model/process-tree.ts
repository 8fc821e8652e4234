/**
 * Processes, threads and their fd tables, as the events tell them: fork/vfork/clone/clone3
 * (the child's tid is the return value; CLONE_THREAD makes it a thread of the caller's
 * process, CLONE_FILES shares the fd table, otherwise the table is copied), execve (new
 * program name and argv, close-on-exec descriptors dropped, the table unshared), unshare
 * (CLONE_FILES) and exit records. Under `-f` a child's first events can precede the parent's
 * `clone(…) = N` line, so children may be announced ahead (`expectChild`) from a look-ahead.
 */
import { parseArgs, type ExitRecord, type SyscallRecord } from 'strace-parser';
import type { FdEntry, ProcessInfo } from '../types';
import { hasFlag } from './args-text';
import { applyFdEffects } from './fd-effects';
import { FdTable } from './fd-table';

const CLONE_CALLS = new Set(['clone', 'clone3', 'fork', 'vfork']);

/**
 * A process whose parent the trace does not show (the traced program itself) starts with the
 * three standard descriptors it inherited; without them the Descriptors view of the first
 * `write(1, …)` would say fd 1 does not exist.
 */
const INHERITED_STANDARD_FDS: readonly FdEntry[] = [
  { fd: 0, description: 'stdin (inherited)', cloexec: false },
  { fd: 1, description: 'stdout (inherited)', cloexec: false },
  { fd: 2, description: 'stderr (inherited)', cloexec: false },
];

interface ChildAnnouncement {
  parentTid: number;
  thread: boolean;
  sharesFiles: boolean;
}

export class ProcessTree {
  private readonly infos = new Map<number, ProcessInfo>();
  private readonly order: number[] = [];
  private readonly tgidOfTid = new Map<number, number>();
  private readonly tableOfTid = new Map<number, FdTable>();
  private readonly tables: FdTable[] = [];
  private readonly announced = new Map<number, ChildAnnouncement>();

  /** True when `tid` has been seen or announced by a clone seen ahead. */
  knows(tid: number): boolean {
    return this.tgidOfTid.has(tid) || this.announced.has(tid);
  }

  /** Look-ahead: a successful clone-family record, whose child may show up before it. */
  announce(record: SyscallRecord): void {
    if (!CLONE_CALLS.has(record.name) || record.pid === undefined || record.ret === undefined || record.ret <= 0 || record.errno) return;
    if (this.tgidOfTid.has(record.ret) || this.announced.has(record.ret)) return;
    this.announced.set(record.ret, {
      parentTid: record.pid,
      thread: hasFlag(record.argsText, 'CLONE_THREAD'),
      sharesFiles: hasFlag(record.argsText, 'CLONE_FILES'),
    });
  }

  /** Registers `tid` if new and returns its process id; every event passes through here. */
  enter(tid: number, seq: number): number {
    const known = this.tgidOfTid.get(tid);
    if (known !== undefined) {
      const info = this.infos.get(known);
      if (info) info.lastSeq = seq;
      return known;
    }
    const announcement = this.announced.get(tid);
    this.announced.delete(tid);
    if (announcement && this.tgidOfTid.has(announcement.parentTid)) return this.addChild(tid, announcement, seq);
    return this.addProcess(tid, undefined, seq, this.newTable(INHERITED_STANDARD_FDS), '', []);
  }

  tgidOf(tid: number): number | undefined {
    return this.tgidOfTid.get(tid);
  }

  tableOf(tid: number): FdTable | undefined {
    return this.tableOfTid.get(tid);
  }

  table(id: number): FdTable {
    return this.tables[id];
  }

  processes(): ProcessInfo[] {
    return this.order.map((pid) => this.infos.get(pid) as ProcessInfo);
  }

  process(pid: number): ProcessInfo | undefined {
    return this.infos.get(pid);
  }

  /** Applies a completed syscall of `tid` (already entered) to processes and fd tables. */
  applySyscall(tid: number, record: SyscallRecord, seq: number): void {
    const table = this.tableOfTid.get(tid);
    if (table) applyFdEffects(record, seq, table);
    if (record.errno !== undefined || record.ret === undefined) return;
    if (CLONE_CALLS.has(record.name) && record.ret > 0 && !this.tgidOfTid.has(record.ret)) {
      this.announce(record);
      this.enter(record.ret, seq);
      // The child's own first event will update lastSeq; until then it has none of its own.
      const child = this.infos.get(this.tgidOfTid.get(record.ret) ?? -1);
      if (child && child.pid === record.ret) child.lastSeq = undefined;
    } else if ((record.name === 'execve' || record.name === 'execveat') && record.ret === 0) {
      this.exec(tid, record, seq);
    } else if (record.name === 'unshare' && hasFlag(record.argsText, 'CLONE_FILES') && table) {
      this.tableOfTid.set(tid, this.newTable(table.current.values()));
    }
  }

  applyExit(tid: number, record: ExitRecord): void {
    const tgid = this.tgidOfTid.get(tid);
    const info = tgid === undefined ? undefined : this.infos.get(tgid);
    if (!info || tid !== tgid || record.how === 'superseded' || record.how === 'detached') return;
    info.exit = record.how === 'killed' ? { signal: record.signal } : { code: record.code };
  }

  private addChild(tid: number, a: ChildAnnouncement, seq: number): number {
    const parentTgid = this.tgidOfTid.get(a.parentTid) as number;
    const parentTable = this.tableOfTid.get(a.parentTid) as FdTable;
    const table = a.sharesFiles ? parentTable : this.newTable(parentTable.current.values());
    if (a.thread) {
      this.tgidOfTid.set(tid, parentTgid);
      this.tableOfTid.set(tid, table);
      const info = this.infos.get(parentTgid) as ProcessInfo;
      info.threads.push(tid);
      info.lastSeq = seq;
      return parentTgid;
    }
    const parent = this.infos.get(parentTgid) as ProcessInfo;
    return this.addProcess(tid, parentTgid, seq, table, parent.program, parent.argv);
  }

  private addProcess(tid: number, parent: number | undefined, seq: number, table: FdTable, program: string, argv: string[]): number {
    this.tgidOfTid.set(tid, tid);
    this.tableOfTid.set(tid, table);
    this.infos.set(tid, { pid: tid, parent, program, argv, threads: [tid], firstSeq: seq, lastSeq: seq });
    this.order.push(tid);
    return tid;
  }

  private newTable(entries: Iterable<FdEntry>): FdTable {
    const table = new FdTable(this.tables.length, entries);
    this.tables.push(table);
    return table;
  }

  private exec(tid: number, record: SyscallRecord, _seq: number): void {
    const tgid = this.tgidOfTid.get(tid) ?? tid;
    const info = this.infos.get(tgid);
    // execve is rare, so the parser's full argument reader is affordable here.
    const args = parseArgs(record.argsText);
    const pathArg = args[record.name === 'execveat' ? 1 : 0];
    const argvArg = args[record.name === 'execveat' ? 2 : 1];
    const path = pathArg?.type === 'string' ? pathArg.value : '';
    if (info) {
      info.program = path.slice(path.lastIndexOf('/') + 1);
      info.argv = argvArg?.type === 'array' ? argvArg.items.flatMap((a) => (a.type === 'string' ? [a.value] : [])) : [];
      // exec ends every other thread; the survivor carries the process id.
      info.threads = [tgid];
    }
    const old = this.tableOfTid.get(tid);
    const kept = old ? [...old.current.values()].filter((e) => !e.cloexec) : [];
    const table = this.newTable(kept);
    this.tableOfTid.set(tid, table);
    this.tableOfTid.set(tgid, table);
    this.tgidOfTid.set(tgid, tgid);
  }
}
