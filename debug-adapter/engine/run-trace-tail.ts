/**
 * Follows strace's `-o` file as it grows, through the Target (`tail -c +1 -F` started there),
 * so live events arrive the same way on this machine and over SSH. When strace has exited,
 * `finish()` makes sure every byte was delivered: it waits briefly for tail to catch up with
 * the file's final size, stops it, and reads whatever is still missing directly.
 */
import type { Target, TargetProcess } from './types';

const CATCH_UP_MS = 3000;

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

  private async size(): Promise<number> {
    const result = await this.target.exec(['stat', '-c', '%s', this.file]);
    const size = Number(result.stdout.trim());
    return Number.isFinite(size) ? size : 0;
  }

  /** Call once the writer (strace) has exited: delivers the rest of the file, then stops tail. */
  async finish(): Promise<void> {
    const size = await this.size();
    const deadline = Date.now() + CATCH_UP_MS;
    while (this.received < size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await this.tail.killTree('SIGKILL');
    await this.tail.exited.catch(() => undefined);
    if (this.received < size) {
      const rest = this.target.readFileRange
        ? await this.target.readFileRange(this.file, this.received, size - this.received)
        : (await this.target.readFile(this.file)).subarray(this.received, size);
      this.deliver(rest);
    }
    this.finished = true;
  }

  /** Stop following without reading the rest (the run is being torn down). */
  async cancel(): Promise<void> {
    this.finished = true;
    await this.tail.killTree('SIGKILL');
  }
}
