/**
 * Separates strace's own messages from the program's stderr, which share one stream (the
 * program inherits strace's stderr). strace prints whole lines starting with `strace: `; only
 * bytes at the start of a line that could still become that prefix are held back, so the
 * program's output (prompts without a newline included) is passed on at once and unchanged.
 */
const PREFIX = Buffer.from('strace: ');

export class StderrSplitter {
  private atLineStart = true;
  /** Bytes at a line start that match the prefix so far, or a whole strace line in progress. */
  private held: Buffer = Buffer.alloc(0);
  private inStraceLine = false;

  constructor(private readonly program: (chunk: Buffer) => void, private readonly strace: (line: string) => void) {}

  push(chunk: Buffer): void {
    const pieces: Buffer[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.inStraceLine) {
        const newline = chunk.indexOf(0x0a, i);
        if (newline < 0) {
          this.held = Buffer.concat([this.held, chunk.subarray(i)]);
          break;
        }
        this.strace(Buffer.concat([this.held, chunk.subarray(i, newline)]).toString('utf8'));
        this.held = Buffer.alloc(0);
        this.inStraceLine = false;
        this.atLineStart = true;
        i = newline + 1;
        continue;
      }
      if (this.atLineStart) {
        const from = i;
        while (i < chunk.length && this.held.length + (i - from) < PREFIX.length && chunk[i] === PREFIX[this.held.length + (i - from)]) i++;
        this.held = Buffer.concat([this.held, chunk.subarray(from, i)]);
        if (this.held.length === PREFIX.length) {
          this.inStraceLine = true;
          continue;
        }
        if (i === chunk.length) break; // could still become the prefix: wait for more
        pieces.push(this.held); // not strace's: the program's, unchanged
        this.held = Buffer.alloc(0);
        this.atLineStart = false;
        continue;
      }
      const newline = chunk.indexOf(0x0a, i);
      const end = newline < 0 ? chunk.length : newline + 1;
      pieces.push(chunk.subarray(i, end));
      this.atLineStart = newline >= 0;
      i = end;
    }
    const out = pieces.filter((p) => p.length > 0);
    if (out.length > 0) this.program(out.length === 1 ? out[0] : Buffer.concat(out));
  }

  /** End of stream: whatever is held goes where it belongs. */
  end(): void {
    if (this.inStraceLine) this.strace(this.held.toString('utf8'));
    else if (this.held.length) this.program(this.held);
    this.held = Buffer.alloc(0);
    this.inStraceLine = false;
  }
}
