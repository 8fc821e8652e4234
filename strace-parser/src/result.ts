/**
 * The part of a syscall line after the arguments: ` = RESULT [<duration>]`. RESULT is a
 * number (decimal or hex), `?`, optionally followed by a `-yy` annotation (`3</tmp/x>`), an
 * errno with its message (`-1 ENOENT (No such file or directory)`, `? ERESTARTSYS (…)`),
 * a detail in parentheses (`0x1 (flags FD_CLOEXEC)`, `0 (Timeout)`) and a trailing comment.
 */
import type { SyscallRecord } from './types';
import { parseFdAnnotation } from './fd-annotation';
import { skipAnnotation } from './scan';

/** Finds a trailing ` <0.000012>` / ` <unavailable>` (-T); returns its start or -1. */
/** Value of the duration the last durationStart() call found (NaN for `<unavailable>`). */
let lastDuration = NaN;

/**
 * Finds a trailing ` <0.000012>` / ` <unavailable>` (-T) in [start, end) and returns its index
 * or -1. Reading backwards, it also accumulates the digits, so the value (see parseDuration)
 * costs no second pass; one exact division gives the same number as Number(text).
 */
export function durationStart(line: string, end = line.length, start = 0): number {
  lastDuration = NaN;
  if (end - start < 4 || line.charCodeAt(end - 1) !== 62) return -1;
  let i = end - 2;
  let v = 0;
  let scale = 1;
  let frac = -1;
  while (i > start) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      v += (c - 48) * scale;
      scale *= 10;
    } else if (c === 46 && frac < 0) {
      frac = end - 2 - i;
    } else break;
    i--;
  }
  if (i < end - 2 && i > start && line.charCodeAt(i) === 60 && line.charCodeAt(i - 1) === 32) {
    if (scale > 1 && frac !== 0 && frac !== end - 2 - i - 1) {
      lastDuration = scale > 1e15 || frac >= POW10.length ? Number(line.slice(i + 1, end - 1)) : frac < 0 ? v : v / POW10[frac]!;
    }
    return i - 1;
  }
  if (end - start >= 14 && line.startsWith(' <unavailable>', end - 14)) return end - 14;
  return -1;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** The value of the duration durationStart() just found; undefined for `<unavailable>` or a malformed number. */
export function parseDuration(): number | undefined {
  return Number.isNaN(lastDuration) ? undefined : lastDuration;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Index just past the parenthesised group opening at `open`, counting nested parentheses. */
function skipParens(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i + 1;
  }
  return text.length;
}

/** Fills `ret`, `errno`, `errnoMessage`, `retFd`, `retDetail` and `comment` of `rec` from its resultText. */
export function applyResult(rec: SyscallRecord, text: string): void {
  const n = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  if (c === 63) {
    i = 1; // `?`: no return value (exit, killed, restarted)
  } else {
    const numStart = i;
    if (c === 45) i++;
    if (text.charCodeAt(i) === 48 && text.charCodeAt(i + 1) === 120) {
      i += 2;
      while (i < n && isHexDigit(text.charCodeAt(i))) i++;
      const neg = c === 45;
      const v = parseInt(text.slice(neg ? numStart + 3 : numStart + 2, i), 16);
      rec.ret = neg ? -v : v;
    } else {
      let v = 0;
      const s = i;
      while (i < n) {
        const d = text.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
        i++;
      }
      if (i === s) {
        rec.retDetail = text;
        return;
      }
      rec.ret = c === 45 ? -v : v;
    }
    if (text.charCodeAt(i) === 60) {
      const e = skipAnnotation(text, i);
      if (e > 0) {
        rec.retFd = parseFdAnnotation(text.slice(i + 1, e - 1));
        i = e;
      }
    }
  }
  while (i < n) {
    c = text.charCodeAt(i);
    if (c === 32) { i++; continue; }
    if (isUpper(c) && rec.errno === undefined && rec.retDetail === undefined) {
      let e = i;
      while (e < n && text.charCodeAt(e) !== 32) e++;
      rec.errno = text.slice(i, e);
      i = e;
      while (text.charCodeAt(i) === 32) i++;
      if (text.charCodeAt(i) === 40) {
        const e2 = skipParens(text, i);
        rec.errnoMessage = text.slice(i + 1, e2 - 1);
        i = e2;
      }
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const e = text.indexOf('*/', i + 2);
      const end = e < 0 ? n : e;
      rec.comment = text.slice(i + 2, end).trim();
      i = e < 0 ? n : e + 2;
      continue;
    }
    if (c === 40) {
      const e = skipParens(text, i);
      const inner = text.slice(i + 1, e - 1);
      rec.retDetail = rec.retDetail === undefined ? inner : `${rec.retDetail} ${inner}`;
      i = e;
      continue;
    }
    // Anything else is kept verbatim as detail rather than dropped.
    const rest = text.slice(i).trim();
    rec.retDetail = rec.retDetail === undefined ? rest : `${rec.retDetail} ${rest}`;
    return;
  }
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * Everything after the arguments' closing `)` at `from`: ` = RESULT` and a `-T` duration.
 * `src`/`off` locate `text` in the chunk it came from (the duration is read there), `time` is
 * the line's timestamp, the call's end. A `)` with no ` = result` means the line was cut.
 */
export function finishResult(rec: SyscallRecord, text: string, from: number, src: string, off: number, time: number | undefined): void {
  rec.end = time;
  const dAbs = durationStart(src, off + text.length, off);
  const d = dAbs < 0 ? -1 : dAbs - off;
  const stop = d >= from ? d : text.length;
  if (d >= from) {
    const v = parseDuration();
    if (v !== undefined) rec.duration = v;
  }
  let i = from;
  while (text.charCodeAt(i) === 32) i++;
  if (text.charCodeAt(i) !== 61) {
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
