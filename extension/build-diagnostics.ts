/**
 * Compiler messages from the adapter's `syscallLens.buildDiagnostics` event go to the Problems
 * view (a DiagnosticCollection), so a build error shows as a red squiggle at file:line and the
 * learner can click straight to it. A new run clears the previous run's messages.
 */
import * as vscode from 'vscode';
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { BUILD_DIAGNOSTICS, type BuildDiagnosticsBody } from '../debug-adapter/protocol';
import { DEBUG_TYPE } from './recordings';

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  note: vscode.DiagnosticSeverity.Information,
};

export function reportBuildDiagnostics(): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('Syscall Lens build');
  return vscode.Disposable.from(
    collection,
    vscode.debug.onDidStartDebugSession((session) => {
      if (session.type === DEBUG_TYPE && session.configuration.request !== 'attach') collection.clear();
    }),
    vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
      if (e.session.type !== DEBUG_TYPE || e.event !== BUILD_DIAGNOSTICS) return;
      const body = e.body as BuildDiagnosticsBody;
      collection.clear();
      const byFile = new Map<string, vscode.Diagnostic[]>();
      // Compilers may print paths relative to the folder they ran in: the program's folder.
      const program = String(e.session.configuration.program ?? '');
      const base = program && existsSync(program) && statSync(program).isDirectory() ? program : program ? dirname(program) : '';
      for (const d of body.diagnostics ?? []) {
        if (typeof d.file !== 'string' || !d.file) continue;
        const file = isAbsolute(d.file) || !base ? d.file : resolve(base, d.file);
        const line = Math.max(0, (d.line || 1) - 1);
        const column = Math.max(0, (d.column || 1) - 1);
        const diagnostic = new vscode.Diagnostic(new vscode.Range(line, column, line, Number.MAX_SAFE_INTEGER), String(d.message), SEVERITY[d.severity] ?? vscode.DiagnosticSeverity.Error);
        diagnostic.source = 'build';
        const list = byFile.get(file) ?? [];
        list.push(diagnostic);
        byFile.set(file, list);
      }
      for (const [file, list] of byFile) collection.set(vscode.Uri.file(file), list);
      if (byFile.size > 0) void vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
  );
}
