/**
 * What the adapter says about itself and about a stop: the DAP capabilities of a recording
 * debugger (step back, goto, conditional/hit/log breakpoints, exception filters, lazy stacks),
 * and the pair of events every stop sends — DAP's `stopped` and our `syscallLens.cursor`, which
 * moves the timeline's highlight and the editor's current line.
 */
import { Event, StoppedEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { TraceModelView } from '../engine/types';
import { CURSOR_MOVED, type CursorMovedBody } from '../protocol';
import { EXCEPTION_FILTERS } from './breakpoints';
import type { Stop } from './cursorDriver';
import { describeEvent } from './eventText';

export const CAPABILITIES: DebugProtocol.Capabilities = {
  supportsConfigurationDoneRequest: true,
  supportsStepBack: true,
  supportsGotoTargetsRequest: true,
  supportsConditionalBreakpoints: true,
  supportsHitConditionalBreakpoints: true,
  supportsLogPoints: true,
  supportsFunctionBreakpoints: true,
  exceptionBreakpointFilters: EXCEPTION_FILTERS,
  supportsExceptionFilterOptions: true,
  supportsExceptionInfoRequest: true,
  supportsDelayedStackTraceLoading: true,
  supportsTerminateRequest: true,
  supportsRestartRequest: true,
  supportsEvaluateForHovers: false,
};

export function stopEvents(model: TraceModelView, stop: Stop): [DebugProtocol.StoppedEvent, DebugProtocol.Event] {
  const e = model.event(stop.seq);
  const stopped = new StoppedEvent(stop.reason, e.pid) as DebugProtocol.StoppedEvent;
  stopped.body.allThreadsStopped = true;
  stopped.body.description = stop.exception?.description ?? `#${stop.seq} ${describeEvent(e)}`;
  if (stop.exception) stopped.body.text = stop.exception.id;
  if (stop.breakpointIds) stopped.body.hitBreakpointIds = stop.breakpointIds;
  const cursor: CursorMovedBody = { seq: stop.seq, threadId: e.pid, source: e.source ? { path: e.source.path, line: e.source.line } : null };
  return [stopped, new Event(CURSOR_MOVED, cursor)];
}
