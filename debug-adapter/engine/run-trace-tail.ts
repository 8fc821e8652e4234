/**
 * Follows strace's `-o` file as it grows and hands its bytes on in order, each exactly once.
 * strace flushes every line, so following it line by line would mean ~50 000 wake-ups for a
 * few MB of trace (measured: 0.7 s of CPU in Node for 52 000 chunks, on a 2-core machine that
 * strace needs). So the file is read in batches: on a target with ranged reads at no cost
 * (this machine) by polling it every 50 ms through `readFileRange`; elsewhere by GNU `tail`
 * in polling mode (`---disable-inotify -s 0.05`) started on the target, falling back to plain
 * `tail -F` where that flag is unknown (busybox). `finish()`, called once strace has exited,
 * stops following and reads whatever was not delivered yet straight from the file.
 */
import type { Target, TargetProcess } from './types';

/** Bytes per direct read. */
const READ_SIZE = 4 * 1024 * 1024;
const POLL_MS = 50;

export class TraceTail {
  private received = 0;
  private finished = false;
  private tail: TargetProcess | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();

  constructor(private readonly target: Target, private readonly file: string, private readonly onChunk: (chunk: Buffer) => void) {
    if (target.spec.type === 'local' && target.readFileRange) this.schedulePoll();
    else this.startTail(true);
  }

  private deliver(chunk: Buffer): void {
    if (this.finished || chunk.length === 0) return;
    this.received += chunk.length;
    this.onChunk(chunk);
  }

  /** Reads from the last delivered byte to the current end of the file. */
  private async readRest(): Promise<void> {
    if (this.target.readFileRange) {
      for (;;) {
        const rest = await this.target.readFileRange(this.file, this.received, READ_SIZE);
        this.deliver(rest);
        if (rest.length < READ_SIZE) return;
      }
    }
    const whole = await this.target.readFile(this.file);
    if (whole.length > this.received) this.deliver(whole.subarray(this.received));
  }

  private schedulePoll(): void {
    this.pollTimer = setTimeout(() => {
      this.polling = this.readRest().catch(() => undefined).then(() => {
        if (!this.finished && this.pollTimer) this.schedulePoll();
      });
    }, POLL_MS);
  }

  private startTail(batched: boolean): void {
    const argv = batched ? ['tail', '---disable-inotify', '-s', '0.05', '-c', '+1', '-F', this.file] : ['tail', '-c', '+1', '-F', this.file];
    const tail = this.target.spawn(argv);
    this.tail = tail;
    tail.stdout.on('data', (chunk: Buffer) => this.deliver(chunk));
    tail.stderr.resume(); // "file truncated" notices: strace's -o opens with O_TRUNC
    tail.exited.then(({ code }) => {
      // A tail without the polling flag refuses it at once: follow the plain way instead.
      if (batched && code !== 0 && this.tail === tail && !this.finished && this.received === 0) this.startTail(false);
    }, () => undefined);
  }

  private async stopFollowing(): Promise<void> {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    await this.polling;
    const tail = this.tail;
    this.tail = undefined;
    if (tail) {
      await tail.killTree('SIGKILL');
      // `exited` resolves after tail's output was delivered, so nothing arrives twice.
      await tail.exited.catch(() => undefined);
    }
  }

  /** Call once the writer (strace) has exited: delivers the rest of the file, then stops. */
  async finish(): Promise<void> {
    await this.stopFollowing();
    await this.readRest();
    this.finished = true;
  }

  /** Stop following without reading the rest (the run is being torn down). */
  async cancel(): Promise<void> {
    this.finished = true;
    await this.stopFollowing();
  }
}
