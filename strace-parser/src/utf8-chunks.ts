/**
 * Decodes a stream of UTF-8 byte chunks that may split a character anywhere. TextDecoder's
 * own `{stream: true}` mode does this but is several times slower than a plain decode in
 * Node, and decoding is a tenth of the parser's time; so this keeps the (at most 3) bytes of
 * an unfinished character itself and decodes every chunk in one fast, non-streaming call.
 */
import { newUtf8Decoder } from './strings';

/** Length of the prefix of `b` that ends on a character boundary. */
function completeLength(b: Uint8Array): number {
  const n = b.length;
  let i = n - 1;
  while (i >= 0 && n - i <= 4 && (b[i]! & 0xc0) === 0x80) i--;
  if (i < 0 || n - i > 4) return n; // only continuation bytes: invalid, decode as is (U+FFFD)
  const lead = b[i]!;
  if (lead < 0x80) return n;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return n - i >= need ? n : i;
}

export class Utf8Chunks {
  private readonly decoder = newUtf8Decoder();
  private tail: Uint8Array | undefined;

  /** Text of the complete characters so far; an unfinished one waits for the next chunk. */
  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.tail) {
      bytes = new Uint8Array(this.tail.length + chunk.length);
      bytes.set(this.tail, 0);
      bytes.set(chunk, this.tail.length);
      this.tail = undefined;
    }
    const cut = completeLength(bytes);
    if (cut < bytes.length) {
      this.tail = bytes.slice(cut);
      bytes = bytes.subarray(0, cut);
    }
    return bytes.length === 0 ? '' : this.decoder.decode(bytes);
  }

  /** The bytes of a character the input never finished, as U+FFFD; '' when none. */
  flush(): string {
    const t = this.tail;
    this.tail = undefined;
    return t ? this.decoder.decode(t) : '';
  }
}
