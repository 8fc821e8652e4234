/**
 * The palette commands: "Open strace Log…" and "Open Saved Run…" start an `attach` session on
 * a log or run folder (nothing runs; the timeline opens), "Show Timeline" reveals the panel,
 * "Toggle Syscall Annotations" flips the end-of-line annotations.
 */
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Annotations } from './annotations';
import { DEBUG_TYPE } from './recordings';
import { listRuns } from './saved-runs';
import { readSettings } from './settings';
import type { TimelinePanel } from './timeline-panel';

export function registerCommands(panel: TimelinePanel, annotations: Annotations): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('syscallLens.showTimeline', () => panel.show()),
    vscode.commands.registerCommand('syscallLens.toggleAnnotations', () => annotations.toggle()),
    vscode.commands.registerCommand('syscallLens.openLog', (uri?: vscode.Uri) => openLog(uri)),
    vscode.commands.registerCommand('syscallLens.openRun', () => openRun()),
  );
}

async function openLog(uri?: vscode.Uri): Promise<void> {
  let file = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.languageId === 'strace' ? vscode.window.activeTextEditor.document.uri : undefined;
  if (!file) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Open strace log',
      title: 'Open a strace log (any strace output; -f, -tt, -T and -k are understood)',
      filters: { 'strace logs': ['strace', 'log', 'txt', 'out'], 'All files': ['*'] },
    });
    file = picked?.[0];
  }
  if (file) await attach(file.fsPath, `strace log ${file.path.split('/').pop() ?? ''}`);
}

async function openRun(): Promise<void> {
  const runsDir = readSettings().runsFolder || defaultRunsDir();
  const runs = await listRuns(runsDir);
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(`Syscall Lens: no saved runs in ${runsDir} yet. Press F5 on a .c, .go or .rs file to record one.`);
    return;
  }
  const pick = await vscode.window.showQuickPick(
    runs.map((run) => ({ label: run.program, description: run.when, detail: run.dir, run })),
    { title: 'Open a saved run', placeHolder: 'Runs are kept in ' + runsDir, matchOnDescription: true, matchOnDetail: true },
  );
  if (pick) await attach(pick.run.dir, `run ${pick.label}`);
}

async function attach(trace: string, name: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  await vscode.debug.startDebugging(folder, { type: DEBUG_TYPE, request: 'attach', name, trace, stopOnEntry: true });
}

function defaultRunsDir(): string {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'syscall-lens', 'runs');
}
