/**
 * Hosts the timeline webview (in a panel or in the .strace viewer): builds its page with a
 * strict Content Security Policy (`default-src 'none'`, one nonce'd script, only the
 * extension's own `dist/` resources), forwards the bound recording's batches, cursor moves and
 * run state to it, and turns its messages into debugger actions: `goto` becomes the DAP
 * `goto` request (targetId = event seq) and the event's source line is revealed. The webview
 * never receives anything but the adapter's own data, and sets every trace string as text.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { EventsBatch } from '../debug-adapter/protocol';
import type { Recording } from './recording';
import type { Recordings } from './recordings';
import { revealSource } from './reveal-source';
import { timelineHtml } from './webview/html';
import type { ExtensionToWebviewMessage, WebviewToExtensionMessage } from './webview/messages';

export class TimelineView implements vscode.Disposable {
  private recording: Recording | undefined;
  private ready = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly webview: vscode.Webview,
    extensionUri: vscode.Uri,
    private readonly recordings: Recordings,
  ) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    webview.options = { enableScripts: true, localResourceRoots: [dist] };
    webview.html = this.html(dist);
    this.subscriptions.push(
      webview.onDidReceiveMessage((message: WebviewToExtensionMessage) => this.receive(message)),
      recordings.onBatch(({ recording, body }) => {
        if (recording === this.recording) this.post({ type: 'events', ...body });
      }),
      recordings.onCursor(({ recording, cursor }) => {
        if (recording === this.recording) this.post({ type: 'cursor', ...cursor });
      }),
      recordings.onState(({ recording, state }) => {
        if (recording === this.recording) this.post({ type: 'runState', ...state });
      }),
    );
  }

  get bound(): Recording | undefined {
    return this.recording;
  }

  /** Shows another recording (a new run); the webview is reset with its events. */
  bind(recording: Recording | undefined): void {
    if (recording === this.recording) return;
    this.recording = recording;
    if (this.ready) this.replay();
  }

  private html(dist: vscode.Uri): string {
    const uri = (file: string): string => this.webview.asWebviewUri(vscode.Uri.joinPath(dist, file)).toString();
    const hasCodicons = existsSync(vscode.Uri.joinPath(dist, 'codicon.css').fsPath);
    return timelineHtml({
      scriptUri: uri('webview.js'),
      styleUri: uri('timeline.css'),
      codiconUri: hasCodicons ? uri('codicon.css') : undefined,
      cspSource: this.webview.cspSource,
      nonce: randomBytes(16).toString('base64url'),
      title: 'Syscall timeline',
    });
  }

  private post(message: ExtensionToWebviewMessage): void {
    if (this.ready) void this.webview.postMessage(message);
  }

  /** Sends the whole recording: a reset batch, then the rest as they were received. */
  private replay(): void {
    const recording = this.recording;
    const batches: EventsBatch[] = recording?.batches.length ? recording.batches : [emptyBatch()];
    batches.forEach((batch, i) => {
      void this.webview.postMessage({ type: 'events', batch, reset: i === 0, processes: i === 0 ? recording?.processes ?? [] : undefined } satisfies ExtensionToWebviewMessage);
    });
    if (recording?.state) this.post({ type: 'runState', ...recording.state });
    if (recording?.cursor) this.post({ type: 'cursor', ...recording.cursor });
  }

  private receive(message: WebviewToExtensionMessage): void {
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.replay();
        break;
      case 'goto':
        if (Number.isInteger(message.seq) && message.seq >= 0) void this.goto(message.seq, message.threadId);
        break;
      case 'revealSource':
        if (typeof message.path === 'string' && Number.isInteger(message.line)) void revealSource(message.path, message.line);
        break;
    }
  }

  private async goto(seq: number, threadId: number): Promise<void> {
    const recording = this.recording;
    if (!recording) return;
    const event = recording.event(seq);
    if (event?.source) void revealSource(event.source.path, event.source.line);
    const session = this.recordings.session(recording);
    if (!session) {
      void vscode.window.showInformationMessage('Syscall Lens: this recording\'s debug session has ended. Open the run again to step through it.');
      return;
    }
    try {
      await session.customRequest('goto', { threadId: Number.isInteger(threadId) ? threadId : event?.pid ?? 0, targetId: seq });
    } catch (err) {
      void vscode.window.showWarningMessage(`Syscall Lens: could not move to event #${seq}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

function emptyBatch(): EventsBatch {
  return { from: 0, count: 0, strings: [], type: [], pid: [], tgid: [], name: [], cls: [], start: [], duration: [], ret: [], errno: [], sourcePath: [], sourceLine: [], runtime: [], raw: [] };
}
