/**
 * The traced program's own stdout and stderr, shown apart from the timeline: written to our
 * stderr with every line marked `stdout| ` or `stderr| ` (dim on a terminal), so a reader can
 * tell them from the syscalls even when both go to one screen. In raw mode (`--json`) bytes
 * pass through unchanged. Chunks are written as they come; nothing is held but the mark state.
 */
import type { Writable } from 'node:stream';

type StreamName = 'stdout' | 'stderr';

export class ProgramOutput {
  private readonly atLineStart: Record<StreamName, boolean> = { stdout: true, stderr: true };
  private last: StreamName | undefined;

  /** `marked`: prefix each line; false passes the bytes through as they are. */
  constructor(private readonly out: Writable, private readonly colour: boolean, private readonly marked = true) {}

  write(stream: StreamName, chunk: Buffer): void {
    if (!this.marked) {
      this.out.write(chunk);
      return;
    }
    // Another stream's unfinished line is ended first, so marks never land mid-line.
    if (this.last && this.last !== stream && !this.atLineStart[this.last]) {
      this.out.write('\n');
      this.atLineStart[this.last] = true;
    }
    this.last = stream;
    const mark = this.colour ? `\x1b[2m${stream}|\x1b[0m ` : `${stream}| `;
    const parts: (string | Buffer)[] = [];
    let start = 0;
    while (start < chunk.length) {
      if (this.atLineStart[stream]) parts.push(mark);
      const newline = chunk.indexOf(0x0a, start);
      const end = newline < 0 ? chunk.length : newline + 1;
      parts.push(chunk.subarray(start, end));
      this.atLineStart[stream] = newline >= 0;
      start = end;
    }
    this.out.write(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
  }

  /** Ends an unfinished last line. */
  end(): void {
    if (this.marked && this.last && !this.atLineStart[this.last]) this.out.write('\n');
  }
}
