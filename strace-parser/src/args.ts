/**
 * Structures a syscall's argument text on demand (`parseArgs(record.argsText)`): strings with
 * escapes and truncation, numbers (decimal, hex, octal modes), flag sets, `-yy` fds, structs
 * and arrays (with `...`), sigsets (`~[RTMIN RT_1]`), in/out values (`[112 => 16]`,
 * `{…} => {…}`), macros (`htons(9999)`, `makedev(0x1, 0x3)`), expressions
 * (`WIFEXITED(s) && WEXITSTATUS(s) == 0`, `8192*1024`), `name=value` and comments. It is a
 * recursive-descent reader with a depth cap, so any input costs linear time and never throws;
 * what it cannot read comes back as `other` with its text.
 */
import type { Arg, ArgValue, NamedArg } from './types';
import { decodeStraceString } from './strings';
import { parseFdAnnotation } from './fd-annotation';
import { isAnnotationStart, skipAnnotation, skipComment, skipString } from './scan';

const MAX_DEPTH = 48;

const SIGNALS = new Set(['HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'IOT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE',
  'ALRM', 'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH',
  'IO', 'POLL', 'PWR', 'SYS', 'RTMIN', 'RTMAX']);

function isSignalName(t: string): boolean {
  return SIGNALS.has(t) || t.startsWith('SIG') || t.startsWith('RT_') || t.startsWith('RTMIN+');
}

/** Index of the end of the bracketed group opening at `open`, counting nesting iteratively (no recursion). */
function skipGroup(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const e = skipString(text, i);
      if (e < 0) return text.length;
      i = e;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return text.length;
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

/** `3`, `-1`, `0x1f`, `0644` (octal, as strace prints modes) → number, else NaN. */
function numberOf(t: string): number {
  let s = t;
  let sign = 1;
  if (s.charCodeAt(0) === 45) { sign = -1; s = s.slice(1); }
  if (s.length === 0) return NaN;
  if (s.startsWith('0x')) {
    if (s.length === 2) return NaN;
    for (let i = 2; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return NaN;
    }
    return sign * parseInt(s.slice(2), 16);
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return NaN;
  }
  if (s.length > 1 && s.charCodeAt(0) === 48) {
    for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) > 55) return sign * Number(s);
    return sign * parseInt(s, 8);
  }
  return sign * Number(s);
}

/** `O_RDONLY|O_CLOEXEC`, `S_IFREG|0644`, `NULL`: identifiers and numbers joined by `|`. */
function isFlagSet(t: string): boolean {
  if (t.length === 0) return false;
  let start = 0;
  for (let i = 0; i <= t.length; i++) {
    if (i === t.length || t.charCodeAt(i) === 124) {
      const part = t.slice(start, i);
      if (part.length === 0) return false;
      if (!isIdentStart(part.charCodeAt(0)) && Number.isNaN(numberOf(part))) return false;
      for (let k = 1; k < part.length; k++) if (!isIdentChar(part.charCodeAt(k))) return false;
      start = i + 1;
    }
  }
  return true;
}

class ArgReader {
  pos = 0;
  /** Cleared after an unclosed `-yy` annotation: none later can close either (keeps hostile input linear). */
  private annotations = true;
  constructor(private readonly text: string) {}

  private skipSpaces(): void {
    while (this.text.charCodeAt(this.pos) === 32) this.pos++;
  }

  /** Comma-separated items up to `close` (a char code) or the end; `...` marks truncation. */
  list(close: number, depth: number): { items: Arg[]; truncated: boolean } {
    const items: Arg[] = [];
    let truncated = false;
    const t = this.text;
    for (;;) {
      this.skipSpaces();
      if (this.pos >= t.length) break;
      const c = t.charCodeAt(this.pos);
      if (c === close) { this.pos++; break; }
      if (c === 44) { this.pos++; continue; }
      if (c === 41 || c === 93 || c === 125) {
        // A stray closer of another kind (`]` inside `(…)`): keep it as text and move on.
        items.push({ type: 'other', text: t[this.pos]! });
        this.pos++;
        continue;
      }
      if (t.startsWith('...', this.pos) && this.endsItem(this.pos + 3, close)) {
        truncated = true;
        this.pos += 3;
        continue;
      }
      const before = this.pos;
      items.push(this.item(close, depth));
      if (this.pos === before) this.pos++; // cannot happen, but never loop forever
    }
    return { items, truncated };
  }

  private endsItem(at: number, close: number): boolean {
    let i = at;
    while (this.text.charCodeAt(i) === 32) i++;
    const c = this.text.charCodeAt(i);
    return i >= this.text.length || c === 44 || c === close;
  }

  /** One item: `name=value`, a value, an in/out pair or an expression, with a trailing comment. */
  item(close: number, depth: number): Arg {
    const t = this.text;
    const start = this.pos;
    let name: string | undefined;
    if (isIdentStart(t.charCodeAt(start))) {
      let e = start + 1;
      while (isIdentChar(t.charCodeAt(e))) e++;
      if (t.charCodeAt(e) === 61 && t.charCodeAt(e + 1) !== 61) {
        name = t.slice(start, e);
        this.pos = e + 1;
      }
    }
    const valueStart = this.pos;
    let arg: Arg = this.value(close, depth);
    this.skipSpaces();
    if (t.startsWith('=> ', this.pos)) {
      this.pos += 3;
      const after = this.value(close, depth);
      arg = { type: 'inout', before: arg, after, text: t.slice(valueStart, this.pos) };
      this.skipSpaces();
    }
    if (!this.atItemEnd(close)) {
      if (!(t.charCodeAt(this.pos) === 47 && t.charCodeAt(this.pos + 1) === 42)) {
        // Operators follow (`&&`, `==`, `*`): the whole item is an expression.
        this.toItemEnd(close);
        arg = { type: 'expr', text: t.slice(valueStart, this.pos).trimEnd() };
      }
    }
    this.skipSpaces();
    if (t.charCodeAt(this.pos) === 47 && t.charCodeAt(this.pos + 1) === 42) {
      const e = skipComment(t, this.pos);
      const end = e < 0 ? t.length : e;
      const comment = t.slice(this.pos + 2, e < 0 ? t.length : e - 2).trim();
      this.pos = end;
      arg.comment = comment;
      this.skipSpaces();
      if (!this.atItemEnd(close)) this.toItemEnd(close);
    }
    // Every Arg here is a fresh object this reader owns, so it is safe to add fields to it.
    if (name !== undefined) arg.name = name;
    return arg;
  }

  private atItemEnd(close: number): boolean {
    const c = this.text.charCodeAt(this.pos);
    return this.pos >= this.text.length || c === 44 || c === close || c === 41 || c === 93 || c === 125;
  }

  /** Moves to the next top-level `,` or closer, jumping over groups and strings. */
  private toItemEnd(close: number): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 44 || c === close || c === 41 || c === 93 || c === 125) return;
      if (c === 40 || c === 91 || c === 123) { this.pos = skipGroup(t, this.pos); continue; }
      if (c === 34) { const e = skipString(t, this.pos); this.pos = e < 0 ? t.length : e; continue; }
      this.pos++;
    }
  }

  value(close: number, depth: number): Arg {
    const t = this.text;
    this.skipSpaces();
    const start = this.pos;
    const c = t.charCodeAt(start);
    if (c === 34) return this.stringValue();
    if (c === 47 && t.charCodeAt(start + 1) === 42) {
      const e = skipComment(t, start);
      this.pos = e < 0 ? t.length : e;
      return { type: 'comment', text: t.slice(start + 2, e < 0 ? t.length : e - 2).trim() };
    }
    if (c === 91 || c === 123 || (c === 126 && t.charCodeAt(start + 1) === 91)) {
      if (depth >= MAX_DEPTH) {
        this.pos = skipGroup(t, c === 126 ? start + 1 : start);
        return { type: 'other', text: t.slice(start, this.pos) };
      }
      if (c === 123) return this.struct(depth);
      return this.bracket(depth, c === 126);
    }
    return this.atom(close, depth);
  }

  private stringValue(): Arg {
    const t = this.text;
    const start = this.pos;
    const e = skipString(t, start);
    let end = e < 0 ? t.length : e;
    const cutShort = e < 0;
    if (!cutShort && t.startsWith('...', end)) end += 3;
    this.pos = end;
    const literal = t.slice(start, end);
    const d = decodeStraceString(cutShort ? `${literal}"...` : literal);
    return { type: 'string', value: d.text, bytes: d.bytes, truncated: d.truncated, text: literal };
  }

  private struct(depth: number): Arg {
    const start = this.pos;
    this.pos++;
    const { items, truncated } = this.list(125, depth + 1);
    // The value keeps its `name` too (ArgExtras), so it reads the same on its own.
    const fields: NamedArg[] = items.map((a) => (a.name === undefined ? { value: a } : { name: a.name, value: a }));
    return { type: 'struct', fields, truncated, text: this.text.slice(start, this.pos) };
  }

  private bracket(depth: number, negated: boolean): Arg {
    const t = this.text;
    const start = this.pos;
    const open = negated ? start + 1 : start;
    const end = skipGroup(t, open);
    const inner = t.slice(open + 1, end - 1);
    const sig = negated || inner.length > 0 ? sigsetOf(inner, negated) : undefined;
    if (sig) {
      this.pos = end;
      return { ...sig, text: t.slice(start, end) };
    }
    this.pos = open + 1;
    const { items, truncated } = this.list(93, depth + 1);
    const text = t.slice(start, this.pos);
    const only = items[0];
    if (items.length === 1 && !truncated && only && only.type === 'inout') {
      only.text = text;
      return only;
    }
    return { type: 'array', items, truncated, text };
  }

  /** A number, flag set, fd with annotation, macro call, or a bare word. */
  private atom(close: number, depth: number): Arg {
    const t = this.text;
    const start = this.pos;
    let i = start;
    for (;;) {
      const c = t.charCodeAt(i);
      if (i >= t.length || c === 32 || c === 44 || c === 41 || c === 93 || c === 125 || c === close || c === 34) break;
      if (c === 40) {
        // `htons(9999)`, `makedev(0x1, 0x3)`, `inet_addr("127.0.0.1")`.
        const fn = t.slice(start, i);
        if (depth >= MAX_DEPTH) {
          this.pos = skipGroup(t, i);
          return { type: 'other', text: t.slice(start, this.pos) };
        }
        this.pos = i + 1;
        const { items } = this.list(41, depth + 1);
        const text = t.slice(start, this.pos);
        return fn.length > 0 ? { type: 'call', fn, args: items, text } : { type: 'expr', text };
      }
      if (c === 60 && this.annotations && isAnnotationStart(t, i)) {
        const e = skipAnnotation(t, i);
        if (e < 0) this.annotations = false;
        if (e > 0) {
          const head = t.slice(start, i);
          const fd = head === 'AT_FDCWD' ? -100 : numberOf(head);
          this.pos = e;
          const annotation = parseFdAnnotation(t.slice(i + 1, e - 1));
          if (!Number.isNaN(fd)) return { type: 'fd', fd, annotation, text: t.slice(start, e) };
          return { type: 'other', text: t.slice(start, e) };
        }
      }
      if (c === 91 || c === 123) {
        // `0x1[…]`-like glued groups are kept whole as text.
        i = skipGroup(t, i);
        continue;
      }
      i++;
    }
    this.pos = i;
    const text = t.slice(start, i);
    return classifyWord(text);
  }
}

function classifyWord(text: string): ArgValue {
  if (text.length === 0) return { type: 'other', text };
  const n = numberOf(text);
  if (!Number.isNaN(n)) return { type: 'number', value: n, text };
  if (isFlagSet(text)) return { type: 'flags', flags: text.split('|'), text };
  return { type: 'expr', text };
}

/** `RTMIN RT_1`, `CHLD`, `SIGINT` (no commas, signal names only) → sigset, else undefined. */
function sigsetOf(inner: string, negated: boolean): ArgValue | undefined {
  if (inner.includes(',') || inner.includes('"')) return undefined;
  const signals = inner.split(' ').filter((s) => s.length > 0);
  if (!negated && signals.length === 0) return undefined;
  for (const s of signals) if (!isSignalName(s) && Number.isNaN(numberOf(s))) return undefined;
  if (!negated && signals.every((s) => !isSignalName(s))) return undefined;
  return { type: 'sigset', negated, signals, text: '' };
}

/** The reader without the safety net; tests call it to prove the net is never needed. */
export function readArgs(argsText: string): Arg[] {
  const r = new ArgReader(argsText);
  const out: Arg[] = [];
  while (r.pos < argsText.length) {
    const { items } = r.list(-1, 0);
    for (const a of items) out.push(a);
  }
  return out;
}

/** Structures a syscall's argument text (as in `SyscallRecord.argsText`). Never throws. */
export function parseArgs(argsText: string): Arg[] {
  try {
    return readArgs(argsText);
  } catch {
    // Not expected; a parser bug must not break a debugging session.
    return [{ type: 'other', text: argsText }];
  }
}
