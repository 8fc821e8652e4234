/**
 * The call stack of the event under the cursor, from its `-k` frames: frames in the user's
 * code carry their source and line; runtime and library frames are named by function and
 * module and shown `subtle`. With justMyCode those frames carry no source at all: VS Code first
 * asks for one frame (delayed loading) and opens whatever source that frame has — a Go stop's
 * top frame is the runtime's `asm_linux_amd64.s` — before it refocuses on the user's frame, so
 * the editor would jump to the wrong file. With no source there, VS Code opens nothing and then
 * focuses the first frame that has one. Frame ids map back to (event, frame index) for scopes
 * and evaluate, and are reset on every stop.
 */
import * as path from 'node:path';
import { Handles } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { TraceEvent } from '../engine/types';

export interface FrameRef { seq: number; index: number }

export class StackFrames {
  private handles = new Handles<FrameRef>();

  reset(): void {
    this.handles.reset();
  }

  frame(id: number): FrameRef | undefined {
    return this.handles.get(id);
  }

  /** Frames [start, start + levels) and the total count (supportsDelayedStackTraceLoading). */
  of(e: TraceEvent, start = 0, levels = 0, justMyCode = true): { frames: DebugProtocol.StackFrame[]; total: number } {
    const all = e.stack.length ? e.stack : [null];
    const end = levels > 0 ? Math.min(all.length, start + levels) : all.length;
    const frames: DebugProtocol.StackFrame[] = [];
    for (let i = start; i < end; i++) {
      const f = all[i];
      const id = this.handles.create({ seq: e.seq, index: i });
      if (f === null) {
        // No -k frames: the attributed line, when there is one, is all we know.
        frames.push(e.source
          ? { id, name: e.name, source: { path: e.source.path, name: path.basename(e.source.path) }, line: e.source.line, column: e.source.column ?? 1 }
          : { id, name: e.name, line: 0, column: 0, presentationHint: 'subtle' });
        continue;
      }
      const fn = f.function ?? `${path.basename(f.module)}+0x${f.offset.toString(16)}`;
      if (f.user && f.file && f.line) {
        frames.push({ id, name: fn, source: { path: f.file, name: path.basename(f.file) }, line: f.line, column: f.column ?? 1, instructionPointerReference: `0x${f.offset.toString(16)}` });
      } else {
        frames.push({
          id,
          name: `${fn} (${path.basename(f.module)})`,
          line: f.line ?? 0,
          column: 0,
          source: f.file && !justMyCode ? { path: f.file, name: path.basename(f.file), presentationHint: 'deemphasize' } : undefined,
          presentationHint: 'subtle',
          moduleId: f.module,
          instructionPointerReference: `0x${f.offset.toString(16)}`,
        });
      }
    }
    return { frames, total: all.length };
  }
}
