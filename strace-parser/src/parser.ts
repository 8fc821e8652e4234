/**
 * The streaming parser: text or UTF-8 bytes in, records out, one line at a time. State is
 * bounded: the unfinished tail of the last chunk, the record still collecting its `-k`
 * frames, one pending `<unfinished ...>` call per pid, and a `-c` table being read. A
 * syscall is emitted once complete (result seen and its frames read), so merged calls come
 * out in completion order; calls never resumed come out when their pid exits or at `end()`.
 * Every input line lands in exactly one record. Nothing here throws on any input.
 */
import type { ExitRecord, ParserOptions, SignalRecord, StraceMessageRecord, StraceRecord, SyscallRecord, UnparsedRecord } from './types';
import { isFrameLine, parseFrameLine } from './frames';
import { newLineHead, readLineHead } from './line-head';
import { applyResult, durationStart, parseDuration } from './result';
import { isNameChar, scanArgs } from './scan';
import { Utf8Chunks } from './utf8-chunks';
import { SummaryBuilder, isSummaryStart } from './summary';
import { parseExit, parseSignal, parseStraceMessage } from './events';

interface Pending {
  rec: SyscallRecord;
  /** Bracket depth where the unfinished part stopped, so the resumed part is scanned in context. */
  depth: number;
}

const NO_PID = -1;
const MAX_SUMMARY_LINES = 4096;
/** Parked calls (or `= ?` calls awaiting their exit line) beyond this many pids are flushed oldest first. */
const MAX_PENDING = 65536;
const MAX_NAMES = 4096;
const UNFINISHED_LEN = '<unfinished ...>'.length;
const EMBEDDED = 'strace: Process ';


export class StraceParser {
  private readonly utf8 = new Utf8Chunks();
  private partial = '';
  private lineNo: number;
  private readonly defaultPid: number | undefined;
  private readonly head = newLineHead();
  /** The record that `-k` frame lines attach to (complete or pending). */
  private frameTarget: SyscallRecord | SignalRecord | undefined;
  /** A complete record held back until we know no more frames follow it. */
  private held: StraceRecord | undefined;
  private readonly pending = new Map<number, Pending>();
  /** Interned syscall names by hash (see internName). */
  private readonly names = new Map<number, string>();
  /** Exit record released right after `held` (the `+++` line whose frames belong to the call before it). */
  private heldAfter: ExitRecord | undefined;
  /**
   * Calls that returned `?` (exit, exit_group, killed inside a call), per pid, kept until that
   * pid's next line: strace prints their `-k` frames after the `+++ exited … +++` line.
   */
  private readonly exitWaiters = new Map<number, SyscallRecord>();
  /** Thread-group leader pid → pid whose execve replaced it (`+++ superseded by execve in pid N +++`). */
  private readonly superseded = new Map<number, number>();
  private summary: SummaryBuilder | undefined;
  /** A call whose line was cut by an embedded strace message; its rest is the next line. */
  private continuation: Pending | undefined;
  private out: StraceRecord[] = [];
  /** The flat chunk holding the line being read, and the line's offset in it (scans run there: faster than on a slice). */
  private src = '';
  private off = 0;

  constructor(options: ParserOptions = {}) {
    this.lineNo = options.firstLine ?? 1;
    this.defaultPid = options.defaultPid;
  }

  /** Feeds a chunk; returns the records completed by it. A chunk may end mid-line or mid-character. */
  push(chunk: string | Uint8Array): StraceRecord[] {
    // A character split by the previous byte chunk is finished (as U+FFFD) before plain text.
    const text = typeof chunk === 'string' ? this.utf8.flush() + chunk : this.utf8.decode(chunk);
    this.splitLines(text);
    return this.take();
  }

  /** Flushes the last line, held records, open tables and never-resumed calls (as `cutOff`). */
  end(): StraceRecord[] {
    const rest = this.utf8.flush();
    if (rest) this.splitLines(rest);
    if (this.partial.length > 0) {
      const last = this.partial;
      this.partial = '';
      const line = last.charCodeAt(last.length - 1) === 13 ? last.slice(0, -1) : last;
      this.line(line, line, 0);
    }
    if (this.continuation) {
      this.cutOff(this.continuation.rec);
      this.continuation = undefined;
    }
    this.release();
    this.closeSummary();
    const waiting = [...this.exitWaiters.values()].sort((a, b) => a.lines[0]! - b.lines[0]!);
    this.exitWaiters.clear();
    for (const w of waiting) this.out.push(w);
    const left = [...this.pending.values()].sort((a, b) => a.rec.lines[0]! - b.rec.lines[0]!);
    this.pending.clear();
    for (const p of left) this.cutOff(p.rec);
    return this.take();
  }

  private take(): StraceRecord[] {
    const o = this.out;
    if (o.length === 0) return [];
    this.out = [];
    return o;
  }

  private splitLines(text: string): void {
    let start = 0;
    if (this.partial.length > 0) {
      const nl = text.indexOf('\n');
      if (nl < 0) {
        this.partial += text;
        return;
      }
      const first = this.partial + text.slice(0, nl);
      this.partial = '';
      const line = first.charCodeAt(first.length - 1) === 13 ? first.slice(0, -1) : first;
      this.line(line, line, 0);
      start = nl + 1;
    }
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.line(text.slice(start, end), text, start);
      start = nl + 1;
    }
    if (start < text.length) this.partial = text.slice(start);
  }

  /** One line: `text` is the line itself; `src`/`off` locate it in the flat chunk it came from (faster to scan). */
  private line(text: string, src: string, off: number): void {
    const lineNo = this.lineNo++;
    this.src = src;
    this.off = off;
    this.head.pid = undefined;
    this.head.time = undefined;
    if (this.summary) {
      if (this.summary.accept(text, lineNo)) {
        if (this.summary.done || this.summary.record.lines.length >= MAX_SUMMARY_LINES) this.closeSummary();
        return;
      }
      this.closeSummary();
    }
    // The line after one cut by a strace message is the rest of that call (whatever it
    // starts with: `NULL) = 0`, `, child_tidptr=…`, ` <unfinished ...>`), unless strace
    // printed another message of its own first.
    if (this.continuation && !text.startsWith('strace: ')) {
      const cont = this.continuation;
      this.continuation = undefined;
      cont.rec.raw += `\n${text}`;
      cont.rec.lines.push(lineNo);
      this.head.time = cont.rec.time;
      return this.continueCall(cont.rec, text, 0, cont.depth);
    }
    if (isFrameLine(text)) {
      const frame = parseFrameLine(text, src, off);
      const target = this.frameTarget;
      if (frame && target) {
        target.stack.push(frame);
        target.raw += `\n${text}`;
        target.lines.push(lineNo);
      } else {
        this.release();
        this.unparsed(text, lineNo, frame ? 'stack frame with no syscall or signal before it' : 'looks like a -k stack frame but has no [0x…] address');
      }
      return;
    }
    this.release();
    const head = this.head;
    readLineHead(src, head, off);
    const b = head.body - off;
    head.body = b;
    const c = text.charCodeAt(b);
    const waiter = this.exitWaiters.size > 0 ? this.takeExitWaiter(this.pid()) : undefined;
    if (c === 43 && text.startsWith('+++ ', b)) return this.exitLine(text, lineNo, waiter);
    if (waiter) this.out.push(waiter);
    if (c === 45 && text.startsWith('--- ', b)) return this.signalLine(text, lineNo);
    if (c === 60) {
      if (text.startsWith('<... ', b)) return this.resumedLine(text, lineNo);
      if (text.startsWith('<detached ...>', b)) return this.detachedLine(text, lineNo);
    }
    if (c === 115 && text.startsWith('strace: ', b)) {
      const rec: StraceMessageRecord = { kind: 'strace', pid: this.pid(), time: head.time, raw: text, lines: [lineNo], message: '' };
      if (head.timeText !== undefined) rec.timeText = head.timeText;
      parseStraceMessage(rec, text.slice(b + 8));
      this.out.push(rec);
      return;
    }
    let e = b + off;
    let hash = 0;
    for (;;) {
      const ch = src.charCodeAt(e);
      if (!isNameChar(ch)) break;
      hash = (hash * 31 + ch) | 0;
      e++;
    }
    e -= off;
    if (e > b && text.charCodeAt(e) === 40) return this.syscallLine(text, lineNo, e, hash);
    if (isSummaryStart(text)) {
      this.summary = new SummaryBuilder(text, lineNo, this.defaultPid);
      return;
    }
    this.unparsed(text, lineNo, text.length === 0 ? 'empty line' : 'not a syscall, signal, exit or strace message');
  }

  private pid(): number | undefined {
    return this.head.pid ?? this.defaultPid;
  }

  /**
   * The syscall name at [from, to), shared between records: a trace names a few dozen
   * syscalls a million times, so reusing one string saves an allocation per call and memory
   * in every consumer that keeps the records.
   */
  private internName(text: string, from: number, to: number, hash: number): string {
    const known = this.names.get(hash);
    if (known !== undefined && known.length === to - from && text.startsWith(known, from)) return known;
    const name = text.slice(from, to);
    if (this.names.size < MAX_NAMES) this.names.set(hash, name);
    return name;
  }

  private embeddedMessage(message: string, lineNo: number): void {
    const rec: StraceMessageRecord = { kind: 'strace', pid: undefined, time: undefined, raw: `strace: ${message}`, lines: [], message: '', embeddedInLine: lineNo };
    parseStraceMessage(rec, message);
    this.out.push(rec);
  }

  private newSyscall(text: string, lineNo: number, name: string): SyscallRecord {
    const h = this.head;
    const rec: SyscallRecord = {
      kind: 'syscall', pid: this.pid(), time: h.time, raw: text, lines: [lineNo], name, argsText: '',
      resultText: undefined, ret: undefined, start: h.time, end: undefined, resumed: false, cutOff: false, stack: [],
    };
    if (h.timeText !== undefined) rec.timeText = h.timeText;
    if (h.comm !== undefined) rec.comm = h.comm;
    if (h.instructionPointer !== undefined) rec.instructionPointer = h.instructionPointer;
    if (h.syscallNumber !== undefined) rec.syscallNumber = h.syscallNumber;
    return rec;
  }

  private syscallLine(text: string, lineNo: number, open: number, hash: number): void {
    const rec = this.newSyscall(text, lineNo, this.internName(text, this.head.body, open, hash));
    this.dropPending(rec.pid);
    this.continueCall(rec, text, open + 1, 1);
  }

  /** Scans arguments from `from` and completes, parks (unfinished) or cuts off `rec`. */
  private continueCall(rec: SyscallRecord, text: string, from: number, depth: number): void {
    const off = this.off;
    const found = scanArgs(this.src, off + from, depth, off + text.length);
    const close = found.close < 0 ? -1 : found.close - off;
    const marker = found.marker < 0 ? -1 : found.marker - off;
    const markerKind = found.markerKind;
    const depthAfter = found.depth;
    if (close >= 0) {
      rec.argsText += text.slice(from, close);
      this.finishResult(rec, text, close + 1);
      return this.complete(rec);
    }
    if (markerKind === undefined) {
      const m = text.lastIndexOf(EMBEDDED);
      if (m >= from) {
        // stderr without -o: strace's message interrupted this line; the call goes on in the next one.
        rec.argsText += text.slice(from, m);
        this.embeddedMessage(text.slice(m + 8), rec.lines[rec.lines.length - 1]!);
        this.continuation = { rec, depth: depthAfter };
        return;
      }
      rec.argsText += text.slice(from);
      rec.cutOff = true;
      return this.complete(rec);
    }
    // Strace puts one space before the marker; it is not part of the arguments.
    const argsEnd = marker > from && text.charCodeAt(marker - 1) === 32 ? marker - 1 : marker;
    rec.argsText += text.slice(from, argsEnd);
    const after = marker + (markerKind === 'unfinished' ? UNFINISHED_LEN : '<detached ...>'.length);
    if (markerKind === 'detached') {
      rec.detached = true;
      rec.cutOff = true;
      return this.complete(rec);
    }
    let k = after;
    while (text.charCodeAt(k) === 32) k++;
    if (text.charCodeAt(k) === 41) {
      // `read(0,  <unfinished ...>) = ?`: the process died inside the call.
      this.finishResult(rec, text, k + 1);
      rec.cutOff = true;
      return this.complete(rec);
    }
    this.pending.set(rec.pid ?? NO_PID, { rec, depth: depthAfter });
    if (this.pending.size > MAX_PENDING) {
      // Far more parked calls than threads can exist: hostile input. Keep memory bounded.
      const [oldest, p] = this.pending.entries().next().value as [number, Pending];
      this.pending.delete(oldest);
      this.cutOff(p.rec);
    }
    this.frameTarget = rec;
  }

  private finishResult(rec: SyscallRecord, text: string, from: number): void {
    rec.end = this.head.time;
    const off = this.off;
    const dAbs = durationStart(this.src, off + text.length, off);
    const d = dAbs < 0 ? -1 : dAbs - off;
    const stop = d >= from ? d : text.length;
    if (d >= from) {
      const v = parseDuration();
      if (v !== undefined) rec.duration = v;
    }
    let i = from;
    while (text.charCodeAt(i) === 32) i++;
    if (text.charCodeAt(i) !== 61) {
      // `)` with no ` = result`: the line was cut.
      rec.cutOff = true;
      const tail = text.slice(i, stop).trim();
      if (tail.length > 0) rec.retDetail = tail;
      return;
    }
    i++;
    if (text.charCodeAt(i) === 32) i++;
    let e = stop;
    while (e > i && text.charCodeAt(e - 1) === 32) e--;
    const resultText = text.slice(i, e);
    rec.resultText = resultText;
    if (resultText.length > 0) applyResult(rec, resultText);
    else rec.cutOff = true;
  }

  private resumedLine(text: string, lineNo: number): void {
    const b = this.head.body;
    const close = text.indexOf(' resumed>', b + 5);
    if (close < 0) return this.unparsed(text, lineNo, '"<... " without "resumed>"');
    const name = text.slice(b + 5, close);
    const pid = this.pid();
    const p = this.takePending(pid, name);
    let rec: SyscallRecord;
    let depth = 1;
    if (p) {
      rec = p.rec;
      depth = p.depth;
      rec.raw += `\n${text}`;
      rec.lines.push(lineNo);
    } else {
      rec = this.newSyscall(text, lineNo, name);
      rec.missingStart = true;
    }
    rec.resumed = true;
    this.continueCall(rec, text, close + 9, depth);
  }

  private takePending(pid: number | undefined, name: string): Pending | undefined {
    const key = pid ?? NO_PID;
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
    if (own) this.dropPending(pid);
    return undefined;
  }

  private detachedLine(text: string, lineNo: number): void {
    const key = this.pid() ?? NO_PID;
    const p = this.pending.get(key);
    if (p) {
      this.pending.delete(key);
      p.rec.raw += `\n${text}`;
      p.rec.lines.push(lineNo);
      p.rec.detached = true;
      p.rec.cutOff = true;
      return this.complete(p.rec);
    }
    const rec: ExitRecord = { kind: 'exit', pid: this.pid(), time: this.head.time, raw: text, lines: [lineNo], how: 'detached' };
    if (this.head.timeText !== undefined) rec.timeText = this.head.timeText;
    this.out.push(rec);
  }

  private takeExitWaiter(pid: number | undefined): SyscallRecord | undefined {
    const key = pid ?? NO_PID;
    const w = this.exitWaiters.get(key);
    if (w) this.exitWaiters.delete(key);
    return w;
  }

  private exitLine(text: string, lineNo: number, waiter: SyscallRecord | undefined): void {
    const rec: ExitRecord = { kind: 'exit', pid: this.pid(), time: this.head.time, raw: text, lines: [lineNo], how: 'exited' };
    if (this.head.timeText !== undefined) rec.timeText = this.head.timeText;
    if (this.head.comm !== undefined) rec.comm = this.head.comm;
    if (this.head.instructionPointer !== undefined) rec.instructionPointer = this.head.instructionPointer;
    if (!parseExit(rec, text.slice(this.head.body))) {
      if (waiter) this.out.push(waiter);
      return this.unparsed(text, lineNo, 'unknown "+++ … +++" exit line');
    }
    if (rec.how === 'superseded' && rec.pid !== undefined && rec.byPid !== undefined) this.superseded.set(rec.pid, rec.byPid);
    this.dropPending(rec.pid);
    if (waiter) {
      // Frames after this line are the stack of the pid's last call (exit_group…).
      this.held = waiter;
      this.heldAfter = rec;
      this.frameTarget = waiter;
      return;
    }
    this.out.push(rec);
  }

  private signalLine(text: string, lineNo: number): void {
    const rec: SignalRecord = { kind: 'signal', pid: this.pid(), time: this.head.time, raw: text, lines: [lineNo], signal: '', stopped: false, stack: [] };
    if (this.head.timeText !== undefined) rec.timeText = this.head.timeText;
    if (this.head.comm !== undefined) rec.comm = this.head.comm;
    if (this.head.instructionPointer !== undefined) rec.instructionPointer = this.head.instructionPointer;
    if (!parseSignal(rec, text.slice(this.head.body))) return this.unparsed(text, lineNo, 'unknown "--- … ---" signal line');
    this.held = rec;
    this.frameTarget = rec;
  }

  private complete(rec: SyscallRecord): void {
    this.held = rec;
    this.frameTarget = rec;
  }

  /** Emits the held record: the line being read is not one of its frames. */
  private release(): void {
    const h = this.held;
    if (h) {
      this.held = undefined;
      if (this.heldAfter) {
        this.out.push(h, this.heldAfter);
        this.heldAfter = undefined;
      } else if (h.kind === 'syscall' && h.resultText === '?' && h.errno === undefined) {
        const key = h.pid ?? NO_PID;
        const older = this.exitWaiters.get(key);
        if (older) this.out.push(older);
        this.exitWaiters.set(key, h);
        if (this.exitWaiters.size > MAX_PENDING) {
          const [oldest, w] = this.exitWaiters.entries().next().value as [number, SyscallRecord];
          this.exitWaiters.delete(oldest);
          this.out.push(w);
        }
      } else {
        this.out.push(h);
      }
    }
    this.frameTarget = undefined;
  }

  /** A pid's parked call that can no longer resume (new call, exit): emit it as cut off. */
  private dropPending(pid: number | undefined): void {
    const key = pid ?? NO_PID;
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    this.cutOff(p.rec);
  }

  private cutOff(rec: SyscallRecord): void {
    rec.cutOff = true;
    this.out.push(rec);
  }

  private closeSummary(): void {
    if (this.summary) {
      this.out.push(this.summary.record);
      this.summary = undefined;
    }
  }

  private unparsed(text: string, lineNo: number, reason: string): void {
    const rec: UnparsedRecord = { kind: 'unparsed', pid: this.head.pid ?? this.defaultPid, time: undefined, raw: text, lines: [lineNo], reason };
    this.out.push(rec);
  }
}

/** Parses a whole trace at once. */
export function parse(text: string, options?: ParserOptions): StraceRecord[] {
  const p = new StraceParser(options);
  const out = p.push(text);
  for (const r of p.end()) out.push(r);
  return out;
}
