/**
 * The "Syscall Timeline" panel beside the editor: one panel that follows the newest recording.
 * It opens by itself when a trace starts (setting `syscallLens.timeline.openOnStart`) and with
 * the "Show Timeline" command; closing it only hides the view, the recording stays. Sessions
 * started by the .strace viewer show their timeline in the viewer instead.
 */
import * as vscode from 'vscode';
import type { Recordings } from './recordings';
import { readSettings } from './settings';
import { TimelineView } from './timeline-view';

export const VIEWER_SESSION_FLAG = '__syscallLensViewer';

export class TimelinePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private view: TimelineView | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly extensionUri: vscode.Uri, private readonly recordings: Recordings) {
    this.subscriptions = [
      recordings.onStart(({ recording, session }) => {
        if (session.configuration[VIEWER_SESSION_FLAG]) return;
        if (this.panel) this.view?.bind(recording);
        else if (readSettings().openTimelineOnStart) this.show(true);
      }),
    ];
  }

  /** Opens (or reveals) the panel on the current recording. */
  show(preserveFocus = false): void {
    const recording = this.recordings.current();
    if (this.panel) {
      this.view?.bind(recording);
      this.panel.reveal(undefined, preserveFocus);
      return;
    }
    this.panel = vscode.window.createWebviewPanel(
      'syscallLens.timeline',
      recording ? `Syscalls: ${recording.title}` : 'Syscall Timeline',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')] },
    );
    this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'extension', 'media', 'icon.png');
    this.view = new TimelineView(this.panel.webview, this.extensionUri, this.recordings);
    this.view.bind(recording);
    const titleUpdates = this.recordings.onStart(({ recording: r, session }) => {
      if (this.panel && !session.configuration[VIEWER_SESSION_FLAG]) this.panel.title = `Syscalls: ${r.title}`;
    });
    this.panel.onDidDispose(() => {
      titleUpdates.dispose();
      this.view?.dispose();
      this.view = undefined;
      this.panel = undefined;
    });
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
