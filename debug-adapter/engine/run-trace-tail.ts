/**
 * Follows strace's `-o` file as it grows, through the Target (`tail -c +1 -F` started there),
 * so live events arrive the same way on this machine and over SSH. When strace has exited,
 * `finish()` stops tail and reads whatever it had not delivered yet straight from the file.
 */
import type { Target, TargetProcess } from './types';

/** Bytes per direct read of what tail had not delivered yet. */
const READ_SIZE = 4 * 1024 * 1024;

export class TraceTail {
  private readonly tail: TargetProcess;
  private received = 0;
  private finished = false;

  constructor(private readonly target: Target, private readonly file: string, private readonly onChunk: (chunk: Buffer) => void) {
    this.tail = target.spawn(['tail', '-c', '+1', '-F', '-s', '0.1', file]);
    this.tail.stdout.on('data', (chunk: Buffer) => this.deliver(chunk));
    this.tail.stderr.resume(); // "file truncated" notices: strace's -o opens with O_TRUNC
    this.tail.exited.catch(() => undefined);
  }

  private deliver(chunk: Buffer): void {
    if (this.finished) return;
    this.received += chunk.length;
    this.onChunk(chunk);
  }

  /**
   * Call once the writer (strace) has exited: stops tail (its `exited` resolves only after its
   * output was delivered, so nothing arrives twice), then reads the rest of the file directly.
   */
  async finish(): Promise<void> {
    await this.tail.killTree('SIGKILL');
    await this.tail.exited.catch(() => undefined);
    if (this.target.readFileRange) {
      for (;;) {
        const rest = await this.target.readFileRange(this.file, this.received, READ_SIZE);
        if (rest.length > 0) this.deliver(rest);
        if (rest.length < READ_SIZE) break;
      }
    } else {
      const whole = await this.target.readFile(this.file);
      if (whole.length > this.received) this.deliver(whole.subarray(this.received));
    }
    this.finished = true;
  }

  /** Stop following without reading the rest (the run is being torn down). */
  async cancel(): Promise<void> {
    this.finished = true;
    await this.tail.killTree('SIGKILL');
  }
}
