/**
 * "Jump to Cursor" and "Run to Line" for a recording: the goto targets of a source line are
 * the events made on it (in any frame), each identified by its seq — the same id the timeline
 * uses for a click. The next one after the cursor comes first, so jumping moves forward when it can.
 */
import * as path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { TraceModelView } from '../engine/types';
import { describeEvent } from './eventText';

const MAX_TARGETS = 200;

export function gotoTargetsAt(model: TraceModelView, file: string, line: number, cursor: number): DebugProtocol.GotoTarget[] {
  const seqs = model.eventsAtLine(path.resolve(file), line);
  const after = seqs.findIndex((s) => s > cursor);
  const ordered = after > 0 ? [...seqs.slice(after), ...seqs.slice(0, after)] : seqs;
  return ordered.slice(0, MAX_TARGETS).map((seq) => ({ id: seq, label: `#${seq} ${describeEvent(model.event(seq))}`, line }));
}
