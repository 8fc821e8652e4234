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
import { finishResult } from './result';
import { isNameChar, scanArgs } from './scan';
import { Utf8Chunks } from './utf8-chunks';
import { SummaryBuilder, isSummaryStart } from './summary';
import { parseExit, parseSignal, parseStraceMessage } from './events';
import { PidBook, type Pending } from './pid-book';
import { NameTable } from './name-table';

const MAX_SUMMARY_LINES = 4096;
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
  /** Parked unfinished calls, `= ?` calls awaiting their exit line, superseded leaders. */
  private readonly book = new PidBook((rec, cutOff) => {
    if (cutOff) rec.cutOff = true;
    this.out.push(rec);
  });
  private readonly names = new NameTable();
  /** Exit record released right after `held` (the `+++` line whose frames belong to the call before it). */
  private heldAfter: ExitRecord | undefined;
  private summary: SummaryBuilder | undefined;
  /** A call whose line was cut by an embedded strace message; its rest is the next line. */
  private continuation: Pending | undefined;
  /** The call the previous line parked as `<unfinished ...>` (a bare `)  = …` tail after it is its end). */
  private parkedByLastLine: SyscallRecord | undefined;
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
    this.book.drain();
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
    const parkedBefore = this.parkedByLastLine;
    this.parkedByLastLine = undefined;
    const head = this.head;
    readLineHead(src, head, off);
    const b = head.body - off;
    head.body = b;
    const c = text.charCodeAt(b);
    const waiter = this.book.takeWaiter(this.pid());
    if (c === 43 && text.startsWith('+++ ', b)) return this.exitLine(text, lineNo, waiter);
    if (waiter) this.out.push(waiter);
    if (c === 45 && text.startsWith('--- ', b)) return this.signalLine(text, lineNo);
    if (c === 41) return this.tailLine(text, lineNo, parkedBefore);
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
    const rec = this.newSyscall(text, lineNo, this.names.intern(text, this.head.body, open, hash));
    this.book.drop(rec.pid);
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
      finishResult(rec, text, close + 1, this.src, this.off, this.head.time);
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
      finishResult(rec, text, k + 1, this.src, this.off, this.head.time);
      rec.cutOff = true;
      return this.complete(rec);
    }
    this.book.park(rec, depthAfter);
    this.frameTarget = rec;
    this.parkedByLastLine = rec;
  }

  /**
   * A line that is only a call's end, `)                  = -1 EAGAIN (…)`, with no name.
   * strace 6.1 `-Z` stages each call's output and writes it in one piece, and sometimes
   * that piece is `PID TIME futex(… <unfinished ...>` followed by the tail with no prefix
   * at all: so a prefix-less tail right after a parked call is that call's end. Otherwise
   * the tail ends the call parked for the line's pid, if any; failing both, it is a call
   * of unknown name `?` whose start is missing (never a guess at another pid's call).
   */
  private tailLine(text: string, lineNo: number, parkedBefore: SyscallRecord | undefined): void {
    const h = this.head;
    const bare = h.pid === undefined && h.timeText === undefined && h.comm === undefined;
    const p = bare && parkedBefore ? this.book.takeCall(parkedBefore) : this.book.take(this.pid());
    this.resume(p, text, lineNo, '?', h.body);
  }

  private resumedLine(text: string, lineNo: number): void {
    const b = this.head.body;
    const close = text.indexOf(' resumed>', b + 5);
    if (close < 0) return this.unparsed(text, lineNo, '"<... " without "resumed>"');
    const name = text.slice(b + 5, close);
    const pid = this.pid();
    this.resume(this.book.takeResumed(pid, name), text, lineNo, name, close + 9);
  }

  /** Continues a parked call with this line, or starts one whose first part never came. */
  private resume(parked: Pending | undefined, text: string, lineNo: number, name: string, from: number): void {
    let rec: SyscallRecord;
    let depth = 1;
    if (parked) {
      rec = parked.rec;
      depth = parked.depth;
      rec.raw += `\n${text}`;
      rec.lines.push(lineNo);
    } else {
      rec = this.newSyscall(text, lineNo, name);
      rec.missingStart = true;
    }
    rec.resumed = true;
    this.continueCall(rec, text, from, depth);
  }

  private detachedLine(text: string, lineNo: number): void {
    const p = this.book.take(this.pid());
    if (p) {
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

  private exitLine(text: string, lineNo: number, waiter: SyscallRecord | undefined): void {
    const rec: ExitRecord = { kind: 'exit', pid: this.pid(), time: this.head.time, raw: text, lines: [lineNo], how: 'exited' };
    if (this.head.timeText !== undefined) rec.timeText = this.head.timeText;
    if (this.head.comm !== undefined) rec.comm = this.head.comm;
    if (this.head.instructionPointer !== undefined) rec.instructionPointer = this.head.instructionPointer;
    if (!parseExit(rec, text.slice(this.head.body))) {
      if (waiter) this.out.push(waiter);
      return this.unparsed(text, lineNo, 'unknown "+++ … +++" exit line');
    }
    if (rec.how === 'superseded' && rec.pid !== undefined && rec.byPid !== undefined) this.book.noteSuperseded(rec.pid, rec.byPid);
    this.book.drop(rec.pid);
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
        this.book.awaitExit(h);
      } else {
        this.out.push(h);
      }
    }
    this.frameTarget = undefined;
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
