/**
 * The few facts the model needs from a syscall's raw argument text, read without building a
 * full argument tree (the model sees every event; `parseArgs` is for the one on screen):
 * top-level argument splitting, flag words outside strings, and the `-yy`
 * fd annotations `N<…>` that say what each descriptor is. Strings in the text come from the
 * traced program, so everything inside quotes is skipped, never interpreted.
 */

/** Splits `a, "b, c", {d, e}` into top-level argument texts. */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') { i = skipString(text, i); continue; }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === '<') { i = skipAngle(text, i); continue; }
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last || out.length) out.push(last);
  return out;
}

/** Index of the closing quote of the string starting at `i` (or the end of the text). */
function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j;
  }
  return text.length;
}

/**
 * Index of the `>` closing a `<…>` annotation starting at `i`, nested ones included
 * (`/dev/null<char 1:3>`). Inside `[…]` a `>` is part of an address arrow (`a->b`), and
 * quoted socket paths are skipped.
 */
function skipAngle(text: string, i: number): number {
  let depth = 0;
  let square = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '"' && square > 0) j = skipString(text, j);
    else if (c === '[') square++;
    else if (c === ']') square = Math.max(0, square - 1);
    else if (square > 0) continue;
    else if (c === '<') depth++;
    else if (c === '>' && --depth === 0) return j;
  }
  return text.length;
}

/** The text with every string literal blanked, so flag tests never match program data. */
export function withoutStrings(text: string): string {
  if (!text.includes('"')) return text;
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    const end = skipString(text, i);
    out += `${text.slice(last, i)}""`;
    last = end + 1;
    i = end;
  }
  return out + text.slice(last);
}

/** True when `flag` appears as a whole word outside strings, e.g. `O_CLOEXEC`. */
export function hasFlag(text: string, flag: string): boolean {
  const plain = withoutStrings(text);
  let at = plain.indexOf(flag);
  while (at >= 0) {
    const before = at === 0 ? '' : plain[at - 1];
    const after = plain[at + flag.length] ?? '';
    if (!/[A-Za-z0-9_]/.test(before) && !/[A-Za-z0-9_]/.test(after)) return true;
    at = plain.indexOf(flag, at + 1);
  }
  return false;
}

/** An fd with its `-yy` annotation text (between the angle brackets). */
export interface AnnotatedFd {
  fd: number;
  annotation: string;
}

/** Every `N<…>` outside strings, in order: `read(3</etc/x>, …)` → [{fd: 3, annotation: '/etc/x'}]. */
export function annotatedFds(text: string): AnnotatedFd[] {
  const out: AnnotatedFd[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') { i = skipString(text, i); continue; }
    if (c !== '<' || i === 0) continue;
    let d = i - 1;
    while (d >= 0 && text[d] >= '0' && text[d] <= '9') d--;
    const end = skipAngle(text, i);
    if (d < i - 1 && (d < 0 || !/[A-Za-z0-9_.]/.test(text[d]))) {
      out.push({ fd: Number(text.slice(d + 1, i)), annotation: text.slice(i + 1, end) });
    }
    i = end;
  }
  return out;
}

/** Leading integer of an argument (`3</x>` → 3, `-1` → -1, `AT_FDCWD` → undefined). */
export function leadingInt(text: string | undefined): number | undefined {
  const m = text === undefined ? null : /^(-?\d+|0x[0-9a-f]+)/i.exec(text);
  return m ? Number(m[1]) : undefined;
}
