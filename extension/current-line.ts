/**
 * Highlights the source line of the event the debugger is stopped on, from the adapter's
 * `syscallLens.cursor` event, so the line follows step over, step back and timeline clicks even
 * when the event's frame is not the top of VS Code's call stack. The highlight goes when the
 * debugger moves on (continue, a step starting) or the session ends.
 */
import * as vscode from 'vscode';
import type { CursorMovedBody } from '../debug-adapter/protocol';
import type { Recordings } from './recordings';

export class CurrentLine implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.stackFrameHighlightBackground'),
    borderColor: new vscode.ThemeColor('focusBorder'),
    borderStyle: 'solid',
    borderWidth: '0 0 0 3px',
    overviewRulerColor: new vscode.ThemeColor('focusBorder'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  });
  private current: CursorMovedBody['source'] = null;
  private readonly subscriptions: vscode.Disposable[];

  constructor(recordings: Recordings) {
    this.subscriptions = [
      this.decoration,
      recordings.onCursor(({ cursor }) => this.show(cursor.source)),
      recordings.onContinue(() => this.show(null)),
      recordings.onEnd(() => this.show(null)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.render()),
    ];
  }

  /** The line currently highlighted, for the timeline host's "reveal" and for tests' logs. */
  get location(): CursorMovedBody['source'] {
    return this.current;
  }

  private show(source: CursorMovedBody['source']): void {
    this.current = source && source.line > 0 ? source : null;
    this.render();
  }

  private render(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const here = this.current && editor.document.uri.scheme === 'file' && editor.document.uri.fsPath === this.current.path;
      if (!here || !this.current || this.current.line > editor.document.lineCount) {
        editor.setDecorations(this.decoration, []);
        continue;
      }
      const line = this.current.line - 1;
      editor.setDecorations(this.decoration, [new vscode.Range(line, 0, line, 0)]);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
