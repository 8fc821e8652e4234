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
const GT = 62; // >
const MINUS = 45;
const SLASH = 47;
const STAR = 42;

/** Index just past the closing quote of the string opening at `open`, or -1 when the line ends first. */
export function skipString(text: string, open: number): number {
  let j = open;
  for (;;) {
    j = text.indexOf('"', j + 1);
    if (j < 0) return -1;
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
export function skipAnnotation(text: string, open: number): number {
  let depth = 0;
  const n = text.length;
  for (let k = open; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c === LT) depth++;
    else if (c === GT && text.charCodeAt(k - 1) !== MINUS) {
      depth--;
      if (depth === 0) return k + 1;
    } else if (c === 10) return -1;
  }
  return -1;
}

/** True when `<` at `at` follows an fd number or `AT_FDCWD`, i.e. opens a `-y` annotation. */
export function isAnnotationStart(text: string, at: number): boolean {
  if (at === 0) return false;
  const p = text.charCodeAt(at - 1);
  return (p >= 48 && p <= 57) || (p >= 65 && p <= 90) || (p >= 97 && p <= 122);
}

/** Index just past the `*\/` of a comment opening at `open`, or -1. */
export function skipComment(text: string, open: number): number {
  const e = text.indexOf('*/', open + 2);
  return e < 0 ? -1 : e + 2;
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

/**
 * Scans argument text starting at `from` with `depth` open brackets (1 just after `NAME(`),
 * stopping at the `)` that brings the depth to 0 or at an `<unfinished ...>`/`<detached ...>`
 * marker. Brackets inside strings, annotations and comments do not count.
 */
export function scanArgs(text: string, from: number, depth: number): ArgsScan {
  const n = text.length;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const e = skipString(text, i);
      if (e < 0) break;
      i = e;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41) {
      if (depth <= 1) return { close: i, marker: -1, markerKind: undefined, depth: 0 };
      depth--;
    } else if (c === 93 || c === 125) {
      if (depth > 1) depth--;
    } else if (c === LT) {
      if (text.startsWith(UNFINISHED, i)) return { close: -1, marker: i, markerKind: 'unfinished', depth };
      if (text.startsWith(DETACHED, i)) return { close: -1, marker: i, markerKind: 'detached', depth };
      if (isAnnotationStart(text, i)) {
        const e = skipAnnotation(text, i);
        if (e > 0) { i = e; continue; }
      }
    } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const e = skipComment(text, i);
      if (e > 0) { i = e; continue; }
    }
    i++;
  }
  return { close: -1, marker: -1, markerKind: undefined, depth };
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
