/**
 * One long-lived `addr2line -a -f -i -C -e BINARY` process on the target, fed addresses in
 * batches through stdin. `-a` echoes each address before its frames, so address lines are the
 * record boundaries; a sentinel address (0) after every batch marks where the batch's last
 * record ends without waiting for the process to exit. Inlined calls come first (innermost),
 * the containing function last. Nothing here knows about strace or the model.
 */
import type { Target, TargetProcess } from '../types';

/** One function/location pair of addr2line's answer; `inlined` for all but the outermost. */
export interface Addr2lineFrame {
  function: string | undefined;
  file: string | undefined;
  line: number | undefined;
  column?: number;
  inlined: boolean;
}

const ADDRESS_LINE = /^0x[0-9a-f]+$/;
const SENTINEL = 0;

interface Waiter {
  count: number;
  resolve(frames: Addr2lineFrame[][]): void;
  reject(error: Error): void;
}

export class Addr2lineProcess {
  private readonly process: TargetProcess;
  private readonly waiters: Waiter[] = [];
  /** Records of the batch being read; the sentinel's record is dropped. */
  private records: Addr2lineFrame[][] = [];
  private current: Addr2lineFrame[] | undefined;
  private pendingFunction: string | undefined;
  private partial = '';
  private failed: Error | undefined;

  constructor(target: Target, readonly binary: string) {
    this.process = target.spawn(['addr2line', '-a', '-f', '-i', '-C', '-e', binary]);
    this.process.stdout.setEncoding('utf8');
    this.process.stdout.on('data', (chunk: string) => this.onData(chunk));
    let stderr = '';
    this.process.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    this.process.stdin.on('error', () => { /* reported through `exited` */ });
    this.process.exited.then(
      ({ code }) => this.fail(new Error(`addr2line for ${binary} exited (${code}): ${stderr.trim() || 'no message'}`)),
      (error: Error) => this.fail(error),
    );
  }

  /** Resolves the given virtual addresses, in order: one frame list per address. */
  resolve(addresses: readonly number[]): Promise<Addr2lineFrame[][]> {
    if (this.failed) return Promise.reject(this.failed);
    if (addresses.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.waiters.push({ count: addresses.length, resolve, reject });
      const lines = addresses.map((a) => `0x${a.toString(16)}`);
      lines.push(`0x${SENTINEL.toString(16)}`);
      this.process.stdin.write(`${lines.join('\n')}\n`);
    });
  }

  async close(): Promise<void> {
    this.process.stdin.end();
    await this.process.killTree('SIGTERM').catch(() => undefined);
  }

  private onData(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.onLine(line);
  }

  private onLine(line: string): void {
    if (ADDRESS_LINE.test(line)) {
      if (this.current) this.records.push(this.current);
      this.current = [];
      this.pendingFunction = undefined;
      if (Number.parseInt(line, 16) === SENTINEL) this.finishBatch();
      return;
    }
    if (!this.current) return;
    if (this.pendingFunction === undefined) {
      this.pendingFunction = line;
      return;
    }
    this.current.push(toFrame(this.pendingFunction, line));
    this.pendingFunction = undefined;
  }

  /** The sentinel's address line arrived: every record before it is complete. */
  private finishBatch(): void {
    const waiter = this.waiters.shift();
    const records = this.records;
    this.records = [];
    // The sentinel's own frames (`??`) follow; a fresh record collects and discards them.
    this.current = undefined;
    if (!waiter) return;
    if (records.length !== waiter.count) {
      waiter.reject(new Error(`addr2line answered ${records.length} addresses, expected ${waiter.count}`));
      return;
    }
    for (const record of records) markInlined(record);
    waiter.resolve(records);
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}

function markInlined(record: Addr2lineFrame[]): void {
  for (let i = 0; i < record.length; i++) record[i].inlined = i < record.length - 1;
}

/** `main` + `/tmp/x/main.c:12 (discriminator 3)` → a frame; `??` and `:0` mean unknown. */
function toFrame(fn: string, location: string): Addr2lineFrame {
  const clean = location.replace(/ \(discriminator \d+\)$/, '');
  const colon = clean.lastIndexOf(':');
  const file = colon > 0 ? clean.slice(0, colon) : clean;
  const lineText = colon > 0 ? clean.slice(colon + 1) : '';
  const line = /^\d+$/.test(lineText) ? Number(lineText) : undefined;
  return {
    function: fn === '??' ? undefined : fn,
    file: file === '??' || file === '' ? undefined : file,
    line: line === 0 ? undefined : line,
    inlined: false,
  };
}
