/**
 * The prefix every strace line may carry before its body: a pid (`1234  ` with `-o`, or
 * `[pid  1234] ` on stderr, with `<comm>` after the number under `-Y`) and a timestamp (`-t` `12:01:02`, `-tt` `12:01:02.123456`,
 * `-ttt` `1700000000.123456`, `-r` `     0.000123`, nanosecond precision too). Read with
 * charCodeAt into a reused object, because this runs for every line of a million-line trace.
 */
import { isDigit } from './scan';

export interface LineHead {
  pid: number | undefined;
  time: number | undefined;
  timeText: string | undefined;
  /** `-Y`: the process name printed after the pid. */
  comm: string | undefined;
  /** `-i`: the instruction pointer at the time of the call. */
  instructionPointer: number | undefined;
  /** `-n`: the syscall number. */
  syscallNumber: number | undefined;
  /** Index where the body (syscall, `+++`, `---`, `<...`) starts. */
  body: number;
}

export function newLineHead(): LineHead {
  return { pid: undefined, time: undefined, timeText: undefined, comm: undefined, instructionPointer: undefined, syscallNumber: undefined, body: 0 };
}

function skipSpaces(line: string, i: number): number {
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

/**
 * Reads the prefix of the line starting at `from` in `line` (a whole chunk may be passed:
 * every loop here stops at the line's `\n`, and scanning the flat chunk is faster than a
 * sliced line). `head.body` is an index into `line`.
 */
/** `-Y` (`--decode-pids=comm`): `1234<name>`; returns the index after `>` (or `at` when unclosed). */
function readComm(line: string, at: number, head: LineHead): number {
  let k = at + 1;
  for (;;) {
    const c = line.charCodeAt(k);
    if (c === 62) break;
    // A comm is at most 15 bytes (64 once escaped); the end of the line means it is not one.
    if (c !== c || c === 10 || k - at > 64) return at;
    k++;
  }
  head.comm = line.slice(at + 1, k);
  return k + 1;
}

export function readLineHead(line: string, head: LineHead, from = 0): void {
  head.pid = undefined;
  head.time = undefined;
  head.timeText = undefined;
  head.comm = undefined;
  head.instructionPointer = undefined;
  head.syscallNumber = undefined;
  let i = from;
  const first = line.charCodeAt(from);
  if (first === 91 && line.startsWith('[pid ', from)) {
    let j = skipSpaces(line, from + 5);
    let pid = 0;
    const s = j;
    let c = line.charCodeAt(j);
    while (c >= 48 && c <= 57) {
      pid = pid * 10 + c - 48;
      c = line.charCodeAt(++j);
    }
    if (j > s && c === 60) {
      j = readComm(line, j, head);
      c = line.charCodeAt(j);
    }
    if (j > s && c === 93) {
      head.pid = pid;
      i = skipSpaces(line, j + 1);
    } else head.comm = undefined;
  } else if (isDigit(first)) {
    let j = from;
    let pid = 0;
    let c = first;
    while (c >= 48 && c <= 57) {
      pid = pid * 10 + c - 48;
      c = line.charCodeAt(++j);
    }
    if (c === 60) {
      j = readComm(line, j, head);
      c = line.charCodeAt(j);
    }
    if (c === 32) {
      head.pid = pid;
      i = skipSpaces(line, j);
    } else head.comm = undefined;
  }
  // `-r` pads its relative timestamp with spaces; no other body starts with a space.
  const t = skipSpaces(line, i);
  let c = line.charCodeAt(t);
  if (isDigit(c)) {
    // One pass: find the end and accumulate the digits (dot ignored) for an exact division.
    let j = t;
    let v = 0;
    let dot = -1;
    let colons = 0;
    for (;;) {
      if (c >= 48 && c <= 57) v = v * 10 + (c - 48);
      else if (c === 46) dot = j;
      else if (c === 58) colons++;
      else break;
      c = line.charCodeAt(++j);
    }
    if (c === 32) {
      const text = line.slice(t, j);
      head.timeText = text;
      if (colons > 0) head.time = clockSeconds(text);
      else {
        const frac = dot < 0 ? 0 : j - dot - 1;
        head.time = v <= 9007199254740991 && frac < POW10.length ? (frac === 0 ? v : v / POW10[frac]!) : Number(text);
      }
      i = j + 1;
    }
  }
  // `-n` `[  59] ` (syscall number) and `-i` `[00007f3cd3af1ad7] ` (instruction pointer, `?` when unknown).
  while (line.charCodeAt(i) === 91) {
    const close = line.indexOf('] ', i);
    if (close < 0 || close - i > 24) break;
    let k = i + 1;
    while (line.charCodeAt(k) === 32) k++;
    if (k === close) break;
    const first = line.charCodeAt(k);
    if (close - k >= 8 && (isHexChar(first) || first === 63)) {
      const ip = first === 63 ? NaN : parseHex(line, k, close);
      if (first !== 63 && Number.isNaN(ip)) break;
      if (!Number.isNaN(ip)) head.instructionPointer = ip;
    } else {
      let n = 0;
      for (let d = k; d < close; d++) {
        const c = line.charCodeAt(d);
        if (c < 48 || c > 57) { n = -1; break; }
        n = n * 10 + c - 48;
      }
      if (n < 0) break;
      head.syscallNumber = n;
    }
    i = close + 2;
  }
  head.body = i;
}

function isHexChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Hex digits (or all `?`) at [from, to); NaN otherwise. */
function parseHex(line: string, from: number, to: number): number {
  let v = 0;
  for (let d = from; d < to; d++) {
    const c = line.charCodeAt(d);
    if (c === 63) continue;
    const h = c <= 57 ? c - 48 : (c | 32) - 87;
    if (!isHexChar(c)) return NaN;
    v = v * 16 + h;
  }
  return v;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** `12:01:02.5` → seconds since midnight. */
function clockSeconds(text: string): number {
  let total = 0;
  let part = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) { total = (total + part) * 60; part = 0; }
    else if (c === 46) break;
    else part = part * 10 + c - 48;
  }
  const frac = i < text.length ? Number(text.slice(i)) : 0;
  return total + part + frac;
}
