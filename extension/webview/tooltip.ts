/**
 * The hover card over the timeline: the call as strace printed it, then result, duration,
 * time, thread and source line, and a hint when the bar under the pointer stands for many
 * merged calls. Built from text nodes only, so a trace line full of markup stays text.
 */
import { describeEvent } from './describe';
import type { EventStore } from './store';

export class Tooltip {
  constructor(private readonly el: HTMLElement) {}

  show(store: EventStore, e: number, merged: number, x: number, y: number, bounds: { width: number; height: number }): void {
    const d = describeEvent(store, e);
    const el = this.el;
    el.replaceChildren();
    const raw = document.createElement('div');
    raw.className = 'tooltip-raw';
    raw.textContent = d.raw;
    el.append(raw);
    const add = (label: string, value: string, cls?: string): void => {
      if (!value) return;
      const row = document.createElement('div');
      const k = document.createElement('span');
      k.className = 'tooltip-key';
      k.textContent = label;
      const v = document.createElement('span');
      v.textContent = value;
      if (cls) v.className = cls;
      row.append(k, v);
      el.append(row);
    };
    add('result', d.result, store.errno[e] >= 0 ? 'failed' : undefined);
    add('duration', d.duration);
    add('at', `${d.time} · event #${store.seq[e]}`);
    add('in', d.thread);
    add('source', d.source || (d.kind === 'syscall' ? 'no source line (runtime or library code)' : ''));
    if (merged > 1) add('', `+ ${merged - 1} more calls in this pixel — zoom in to separate them`, 'tooltip-hint');
    el.hidden = false;
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const left = x + 14 + w > bounds.width ? Math.max(0, x - 14 - w) : x + 14;
    const top = y + 16 + h > bounds.height ? Math.max(0, y - 8 - h) : y + 16;
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
  }

  hide(): void {
    this.el.hidden = true;
  }
}
