/**
 * `strace -k` stack-frame lines. libunwind builds print ` > /lib/libc.so.6(write+0x14) [0x10e2f4]`
 * or ` > /bin/prog() [0x1234]` when the symbol is unknown; libdw builds (strace ≥ 6.7, `-kk`)
 * may append ` file.c:12`. Error frames (` > backtracing_error [0x…]`) keep their text as the
 * module. The bracketed value is a file offset into the module, not a virtual address.
 */
import type { StackFrame } from './types';

/** True when the line is a stack frame (starts with ` > `). */
export function isFrameLine(line: string): boolean {
  return line.charCodeAt(0) === 32 && line.charCodeAt(1) === 62 && line.charCodeAt(2) === 32;
}

function parseHex(s: string): number {
  const t = s.startsWith('0x') || s.startsWith('0X') ? s.slice(2) : s;
  if (t.length === 0) return NaN;
  const v = parseInt(t, 16);
  return v;
}

/** Parses a frame line; returns undefined when it does not have the ` > … [0x…]` shape. */
export function parseFrameLine(line: string): StackFrame | undefined {
  const bracket = line.lastIndexOf(' [0x');
  if (bracket < 3) return undefined;
  const close = line.indexOf(']', bracket);
  if (close < 0) return undefined;
  const address = parseHex(line.slice(bracket + 2, close));
  if (Number.isNaN(address)) return undefined;
  const frame: StackFrame = { module: '', address, raw: line };
  // `-kk`: ` file.c:12` after the bracket.
  const tail = line.slice(close + 1).trim();
  if (tail.length > 0) {
    const colon = tail.lastIndexOf(':');
    const ln = colon > 0 ? Number(tail.slice(colon + 1)) : NaN;
    if (colon > 0 && Number.isInteger(ln)) {
      frame.file = tail.slice(0, colon);
      frame.line = ln;
    } else {
      frame.file = tail;
    }
  }
  const head = line.slice(3, bracket);
  const open = head.indexOf('(');
  if (open < 0 || !head.endsWith(')')) {
    frame.module = head;
    return frame;
  }
  frame.module = head.slice(0, open);
  const inner = head.slice(open + 1, -1);
  if (inner.length > 0) {
    const plus = inner.lastIndexOf('+0x');
    if (plus >= 0) {
      frame.symbol = inner.slice(0, plus);
      const off = parseHex(inner.slice(plus + 1));
      if (!Number.isNaN(off)) frame.symbolOffset = off;
    } else {
      frame.symbol = inner;
    }
  }
  return frame;
}
