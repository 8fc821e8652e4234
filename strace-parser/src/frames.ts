/**
 * `strace -k` stack-frame lines. libunwind builds print ` > /lib/libc.so.6(write+0x14) [0x10e2f4]`
 * or ` > /bin/prog() [0x1234]` when the symbol is unknown; libdw builds (strace ≥ 6.7, `-kk`)
 * may append ` file.c:12`. Error frames (` > backtracing_error [0x…]`) keep their text as the
 * module. The bracketed value is a file offset into the module, not a virtual address.
 */
import type { StackFrame } from './types';
import { parseHexDigits } from './scan';

/** True when the line is a stack frame (starts with ` > `). */
export function isFrameLine(line: string): boolean {
  return line.charCodeAt(0) === 32 && line.charCodeAt(1) === 62 && line.charCodeAt(2) === 32;
}


/** Parses a frame line; returns undefined when it does not have the ` > … [0x…]` shape. */
export function parseFrameLine(line: string, src = line, off = 0): StackFrame | undefined {
  const bracket = line.lastIndexOf(' [0x');
  if (bracket < 3) return undefined;
  const close = line.indexOf(']', bracket);
  if (close < 0) return undefined;
  // Hex digits are read from the flat chunk the line came from when given (`src`, `off`).
  const address = parseHexDigits(src, off + bracket + 4, off + close);
  if (Number.isNaN(address)) return undefined;
  const frame: StackFrame = { module: '', address, raw: line };
  // `-kk`: ` file.c:12` after the bracket.
  if (close + 1 < line.length) {
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
  }
  // `module(symbol+0xoff)` ends right before the bracket; `module` alone for error frames.
  const open = line.indexOf('(', 3);
  if (open < 0 || open > bracket || line.charCodeAt(bracket - 1) !== 41) {
    frame.module = line.slice(3, bracket);
    return frame;
  }
  frame.module = line.slice(3, open);
  const innerEnd = bracket - 1;
  if (innerEnd > open + 1) {
    const plus = line.lastIndexOf('+0x', innerEnd);
    if (plus > open) {
      frame.symbol = line.slice(open + 1, plus);
      const symbolOffset = parseHexDigits(src, off + plus + 3, off + innerEnd);
      if (!Number.isNaN(symbolOffset)) frame.symbolOffset = symbolOffset;
    } else {
      frame.symbol = line.slice(open + 1, innerEnd);
    }
  }
  return frame;
}
