/**
 * Opens a source file at a line in the editor group that already shows it (else the first
 * group), keeping focus where it is, for timeline clicks. Paths come from the recording;
 * a missing file is reported, not thrown.
 */
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';

export async function revealSource(path: string, line: number): Promise<void> {
  if (!existsSync(path)) {
    void vscode.window.showWarningMessage(`Syscall Lens: the source file ${path} is not on this machine (set "sourceMap" in launch.json?).`);
    return;
  }
  const uri = vscode.Uri.file(path);
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === uri.fsPath);
  const document = await vscode.workspace.openTextDocument(uri);
  const position = new vscode.Position(Math.max(0, line - 1), 0);
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One,
    preserveFocus: true,
    preview: true,
    selection: new vscode.Range(position, position),
  });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
