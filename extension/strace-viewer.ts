/**
 * The viewer for `.strace` files (a read-only custom editor): opening a log shows its timeline
 * without running anything. It starts an `attach` debug session on the file — the adapter
 * replays the log — and shows that session's timeline in the editor tab, so a click still
 * moves the debugger and reveals the source when the log's frames name files on this machine.
 * Closing the tab ends the session. "Reopen Editor With… Text Editor" shows the highlighted log.
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { Recordings } from './recordings';
import { DEBUG_TYPE } from './recordings';
import { VIEWER_SESSION_FLAG } from './timeline-panel';
import { TimelineView } from './timeline-view';

export const VIEWER_TYPE = 'syscallLens.straceViewer';

export class StraceViewerProvider implements vscode.CustomReadonlyEditorProvider {
  private nextId = 1;

  constructor(private readonly extensionUri: vscode.Uri, private readonly recordings: Recordings) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const view = new TimelineView(panel.webview, this.extensionUri, this.recordings);
    const id = `viewer-${this.nextId++}`;
    let session: vscode.DebugSession | undefined;
    const started = this.recordings.onStart(({ recording, session: s }) => {
      if (s.configuration[VIEWER_SESSION_FLAG] !== id) return;
      session = s;
      view.bind(recording);
    });
    panel.onDidDispose(() => {
      started.dispose();
      view.dispose();
      if (session) void vscode.debug.stopDebugging(session);
    });
    const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
    const ok = await vscode.debug.startDebugging(folder, {
      type: DEBUG_TYPE,
      request: 'attach',
      name: `strace log ${basename(document.uri.fsPath)}`,
      trace: document.uri.fsPath,
      stopOnEntry: true,
      [VIEWER_SESSION_FLAG]: id,
    });
    if (!ok) void vscode.window.showErrorMessage(`Syscall Lens could not open ${basename(document.uri.fsPath)} (see the "Syscall Lens" output).`);
  }
}
