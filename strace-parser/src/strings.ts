/**
 * Decoding of strace's C-style quoted strings: `"a\nb\377\x01"` → bytes and text. strace
 * prints bytes, not characters, so the decoder yields the exact bytes and a best-effort
 * UTF-8 text (invalid sequences become U+FFFD) for display. A trailing `...` after the
 * closing quote means strace truncated the string (`-s N`).
 */

export interface DecodedString {
  bytes: Uint8Array;
  text: string;
  truncated: boolean;
}

type Utf8Decoder = { decode(input?: Uint8Array, options?: { stream?: boolean }): string };
type Utf8DecoderCtor = new (label?: string, options?: { fatal?: boolean }) => Utf8Decoder;

/** TextDecoder exists in every browser and in Node ≥ 11, but not in the ES library types the core compiles against. */
export function newUtf8Decoder(): Utf8Decoder {
  const ctor = (globalThis as unknown as { TextDecoder: Utf8DecoderCtor }).TextDecoder;
  return new ctor('utf-8');
}

let sharedDecoder: Utf8Decoder | undefined;

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const SIMPLE_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, v: 11, f: 12, a: 7, b: 8, e: 27, '"': 34, '\\': 92, "'": 39, '?': 63 };

/**
 * Decodes a strace string literal. `literal` may include the surrounding quotes and a
 * trailing `...`; without quotes the whole text is treated as the string's content.
 */
export function decodeStraceString(literal: string): DecodedString {
  let start = 0;
  let end = literal.length;
  let truncated = false;
  if (literal.endsWith('...') && end >= 4 && literal.charCodeAt(end - 4) === 34) {
    truncated = true;
    end -= 3;
  }
  if (literal.charCodeAt(0) === 34 && end - start >= 2 && literal.charCodeAt(end - 1) === 34) {
    start = 1;
    end -= 1;
  }
  const out = new Uint8Array(end - start); // escapes only shrink; multi-byte chars are re-encoded below
  let len = 0;
  let plain = true;
  for (let i = start; i < end; i++) {
    const c = literal.charCodeAt(i);
    if (c !== 92) {
      if (c < 0x80) { out[len++] = c; continue; }
      plain = false;
      break;
    }
    const n = literal[i + 1];
    if (n === undefined) { out[len++] = 92; break; }
    if (n === 'x') {
      const h1 = hexVal(literal.charCodeAt(i + 2));
      const h2 = hexVal(literal.charCodeAt(i + 3));
      if (h1 >= 0 && h2 >= 0) { out[len++] = h1 * 16 + h2; i += 3; }
      else if (h1 >= 0) { out[len++] = h1; i += 2; }
      else { out[len++] = 120; i += 1; }
      continue;
    }
    const o = literal.charCodeAt(i + 1) - 48;
    if (o >= 0 && o <= 7) {
      let v = o;
      let k = 1;
      while (k < 3) {
        const d = literal.charCodeAt(i + 1 + k) - 48;
        if (d < 0 || d > 7) break;
        v = v * 8 + d;
        k++;
      }
      out[len++] = v & 0xff;
      i += k;
      continue;
    }
    const s = SIMPLE_ESCAPES[n];
    out[len++] = s ?? n.charCodeAt(0);
    i += 1;
  }
  if (!plain) return decodeWithUnicode(literal, start, end, truncated);
  const bytes = out.slice(0, len);
  sharedDecoder ??= newUtf8Decoder();
  return { bytes, text: sharedDecoder.decode(bytes), truncated };
}

/** Slow path for literals holding raw non-ASCII characters (strace passes valid UTF-8 through with some options). */
function decodeWithUnicode(literal: string, start: number, end: number, truncated: boolean): DecodedString {
  const parts: number[] = [];
  for (let i = start; i < end; i++) {
    const c = literal.charCodeAt(i);
    if (c === 92 && i + 1 < end) {
      // Decode one escape at a time: first find how many characters it spans.
      const n = literal[i + 1];
      let span = 2;
      if (n === 'x') span = hexVal(literal.charCodeAt(i + 3)) >= 0 && hexVal(literal.charCodeAt(i + 2)) >= 0 ? 4 : hexVal(literal.charCodeAt(i + 2)) >= 0 ? 3 : 2;
      else if (n >= '0' && n <= '7') {
        span = 2;
        while (span < 4 && literal.charCodeAt(i + span) >= 48 && literal.charCodeAt(i + span) <= 55) span++;
      }
      const one = decodeStraceString(literal.slice(i, i + span));
      for (const b of one.bytes) parts.push(b);
      i += span - 1;
      continue;
    }
    const cp = literal.codePointAt(i) ?? c;
    if (cp > 0xffff) i++;
    encodeUtf8(cp, parts);
  }
  const bytes = Uint8Array.from(parts);
  sharedDecoder ??= newUtf8Decoder();
  return { bytes, text: sharedDecoder.decode(bytes), truncated };
}

function encodeUtf8(cp: number, out: number[]): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}
