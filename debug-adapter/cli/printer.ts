/**
 * Prints a recording's events as they are appended to the model: JSON lines or the readable
 * timeline on stdout. It keeps its place, so events appended before it subscribed are printed
 * too, each exactly once and in order, and it waits for stdout to drain when the terminal or
 * pipe is slower than the recording.
 */
import type { Writable } from 'node:stream';
import type { TraceModelView } from '../engine/types';
import { toJsonEvent, toTextLine, type TextStyle } from './format';

export class EventPrinter {
  private next = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly model: TraceModelView, private readonly out: Writable, private readonly json: boolean, private readonly style: TextStyle) {
    this.unsubscribe = model.onAppend(() => this.catchUp());
    this.catchUp();
  }

  private catchUp(): void {
    const lines: string[] = [];
    for (; this.next < this.model.length; this.next++) {
      const event = this.model.event(this.next);
      lines.push(this.json ? JSON.stringify(toJsonEvent(event)) : toTextLine(event, this.style));
    }
    if (lines.length > 0) this.out.write(`${lines.join('\n')}\n`);
  }

  /** Print what is left and stop listening; resolves once stdout has taken everything. */
  async close(): Promise<void> {
    this.catchUp();
    this.unsubscribe();
    await new Promise<void>((resolve) => {
      if (this.out.writableNeedDrain) this.out.once('drain', () => resolve());
      else resolve();
    });
  }
}
