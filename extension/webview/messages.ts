/**
 * The message protocol between the extension host and the timeline webview, in both
 * directions. Types only: the extension imports these to post and receive messages, and the
 * webview imports them to parse what arrives, so neither side ships code for the other. The
 * event batches are the adapter's own `syscallLens.events` bodies, forwarded unchanged: the
 * extension never reshapes a million events, it only adds the `type` tag.
 */
import type { CursorMovedBody, EventsBatchBody, RunStateBody } from '../../debug-adapter/protocol';

/** A batch of events to append (or, with `reset`, to replace everything with). */
export type EventsMessage = { type: 'events' } & EventsBatchBody;

/** The debugger stopped on event `seq`: the panel scrolls to it and highlights it. */
export type CursorMessage = { type: 'cursor' } & CursorMovedBody;

/** The run was built / started / ended; shown in the panel's status line. */
export type RunStateMessage = { type: 'runState' } & RunStateBody;

/**
 * Everything the extension may post to the webview. Theme changes need no message: VS Code
 * updates the `--vscode-*` CSS variables and the body's `vscode-light|dark|high-contrast`
 * class, and the panel watches both.
 */
export type ExtensionToWebviewMessage = EventsMessage | CursorMessage | RunStateMessage;

/** The webview has loaded and wants the whole recording (the extension answers with a reset batch). */
export interface ReadyMessage { type: 'ready' }

/** The user chose event `seq` (click, Enter): the extension sends DAP `goto` with targetId = seq and reveals its line. */
export interface GotoMessage { type: 'goto'; seq: number; threadId: number }

/** The user asked to see a source line (table's source column): the extension opens it. */
export interface RevealSourceMessage { type: 'revealSource'; path: string; line: number }

export type WebviewToExtensionMessage = ReadyMessage | GotoMessage | RevealSourceMessage;
