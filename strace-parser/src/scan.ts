/**
 * Low-level, allocation-free scanning helpers shared by the line parser and the argument
 * parser. strace's argument text is nested (`(`, `[`, `{`), holds C-escaped strings that
 * may contain any bracket, `-yy` fd annotations `3</path<char 1:3>>` whose paths may hold
 * brackets too, and `/* … *\/` comments. Everything here walks the text once, left to right,
 * jumping over strings and comments with `indexOf`, so every line costs linear time whatever
 * its content (no regular expressions, no backtracking).
 */

const QUOTE = 34; // "
const BACKSLASH = 92;
const LT = 60; // <
const MINUS = 45;
const SLASH = 47;
const STAR = 42;

/** Index just past the closing quote of the string opening at `open`, or -1 when the line ends first. */
export function skipString(text: string, open: number, end = text.length): number {
  let j = open;
  for (;;) {
    j = text.indexOf('"', j + 1);
    if (j < 0 || j >= end) return -1;
    // An escaped quote is preceded by an odd number of backslashes.
    let k = j - 1;
    while (k > open && text.charCodeAt(k) === BACKSLASH) k--;
    if ((j - 1 - k) % 2 === 0) return j + 1;
  }
}

/**
 * Index just past a `-yy` annotation opening at `open` (`<`), or -1. Annotations nest
 * (`</dev/null<char 1:3>>`) and socket ones contain arrows (`->`), which do not close them.
 */
export function skipAnnotation(text: string, open: number, end = text.length): number {
  let depth = 1;
  let k = open + 1;
  // Next `<` and `>` at or after k, each searched again only once k passes it, so long
  // runs of one without the other stay linear.
  let lt = text.indexOf('<', k);
  if (lt >= end) lt = -1;
  let gt = -1;
  for (;;) {
    if (gt < k) gt = text.indexOf('>', k);
    if (gt < 0 || gt >= end) return -1;
    if (lt >= 0 && lt < k) {
      lt = text.indexOf('<', k);
      if (lt >= end) lt = -1;
    }
    if (lt >= 0 && lt < gt) {
      depth++;
      k = lt + 1;
      continue;
    }
    k = gt + 1;
    if (text.charCodeAt(gt - 1) === MINUS) continue; // `->` inside a socket annotation
    if (--depth === 0) return k;
  }
}

/** True when `<` at `at` follows an fd number or `AT_FDCWD`, i.e. opens a `-y` annotation. */
export function isAnnotationStart(text: string, at: number): boolean {
  if (at === 0) return false;
  const p = text.charCodeAt(at - 1);
  return (p >= 48 && p <= 57) || (p >= 65 && p <= 90) || (p >= 97 && p <= 122);
}

/** Index just past the `*\/` of a comment opening at `open`, or -1. */
export function skipComment(text: string, open: number, end = text.length): number {
  const e = text.indexOf('*/', open + 2);
  return e < 0 || e + 2 > end ? -1 : e + 2;
}

export interface ArgsScan {
  /** Index of the `)` that closes the argument list, or -1. */
  close: number;
  /** Index of ` <unfinished ...>` / ` <detached ...>` marker (the `<`), or -1. */
  marker: number;
  markerKind: 'unfinished' | 'detached' | undefined;
  /** Bracket depth where the scan stopped (for resuming an unfinished call). */
  depth: number;
}

const UNFINISHED = '<unfinished ...>';
const DETACHED = '<detached ...>';

/** Characters scanArgs must look at; everything else is skipped with one table lookup. */
const SPECIAL = new Uint8Array(128);
for (const ch of '"()[]{}</') SPECIAL[ch.charCodeAt(0)] = 1;

/** One result object reused by every scan: this runs once per line and must not allocate. */
const result: ArgsScan = { close: -1, marker: -1, markerKind: undefined, depth: 0 };

function done(close: number, marker: number, markerKind: ArgsScan['markerKind'], depth: number): ArgsScan {
  result.close = close;
  result.marker = marker;
  result.markerKind = markerKind;
  result.depth = depth;
  return result;
}

/**
 * Scans argument text starting at `from` with `depth` open brackets (1 just after `NAME(`),
 * stopping at the `)` that brings the depth to 0 or at an `<unfinished ...>`/`<detached ...>`
 * marker. Brackets inside strings, annotations and comments do not count. The returned
 * object is shared and overwritten by the next call: read it before scanning again.
 */
export function scanArgs(text: string, from: number, depth: number, end = text.length): ArgsScan {
  const n = end;
  let i = from;
  // After one unclosed annotation or comment, no later one can close either (the closing
  // search already ran to the end): stop trying, or hostile lines would cost quadratic time.
  let annotations = true;
  let comments = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 && SPECIAL[c] === 0) {
      i++;
      continue;
    }
    if (c === QUOTE) {
      const e = skipString(text, i, n);
      if (e < 0) break;
      i = e;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41) {
      if (depth <= 1) return done(i, -1, undefined, 0);
      depth--;
    } else if (c === 93 || c === 125) {
      if (depth > 1) depth--;
    } else if (c === LT) {
      if (annotations && i > from && isAnnotationStart(text, i)) {
        const e = skipAnnotation(text, i, n);
        if (e > 0) { i = e; continue; }
        annotations = false;
      } else if (i + UNFINISHED.length <= n && text.startsWith(UNFINISHED, i)) {
        return done(-1, i, 'unfinished', depth);
      } else if (i + DETACHED.length <= n && text.startsWith(DETACHED, i)) {
        return done(-1, i, 'detached', depth);
      }
    } else if (comments && c === SLASH && i + 1 < n && text.charCodeAt(i + 1) === STAR) {
      const e = skipComment(text, i, n);
      if (e > 0) { i = e; continue; }
      comments = false;
    }
    i++;
  }
  return done(-1, -1, undefined, depth);
}

/** Parses a run of decimal digits at [from, to) without allocating; NaN when empty or not digits. */
export function parseDecimal(text: string, from: number, to: number): number {
  if (to <= from) return NaN;
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Letters, digits and `_`: the characters of a syscall or symbol name. */
export function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 65 && c <= 90);
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `[0-9]+(\.[0-9]+)?` at [from, to) as a number, identical to `Number(text)`: when all digits
 * fit in 2^53 the value is one exactly rounded division; otherwise it defers to Number().
 * NaN when the text is not of that shape. Avoids a substring per timestamp and duration.
 */
export function parseUnsignedDecimal(text: string, from: number, to: number): number {
  let v = 0;
  let dot = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && dot < 0) { dot = i; continue; }
    const d = c - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  if (to <= from || dot === from || dot === to - 1) return NaN;
  const frac = dot < 0 ? 0 : to - dot - 1;
  if (v > 9007199254740991 || frac >= POW10.length) return Number(text.slice(from, to));
  return frac === 0 ? v : v / POW10[frac]!;
}

/** Hex digits at [from, to) (no `0x`) as a number; NaN when empty or not hex. */
export function parseHexDigits(text: string, from: number, to: number): number {
  if (to <= from) return NaN;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 102) d = c - 87;
    else if (c >= 65 && c <= 70) d = c - 55;
    else return NaN;
    v = v * 16 + d;
  }
  return v;
}
