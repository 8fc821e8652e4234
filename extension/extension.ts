/**
 * Syscall Lens's entry point in VS Code: wires the `strace` debugger (configuration provider,
 * inline adapter, log tracker) and the views that follow its recordings (Problems view,
 * progress, status bar, editor annotations, current-line highlight, timeline panel, .strace
 * viewer, commands). Each piece lives in its own file; this one only connects them. Activated
 * by `onDebugResolve:strace`, the commands and the viewer, never at start-up.
 */
import * as vscode from 'vscode';
import { InlineAdapterFactory } from './adapter-factory';
import { Annotations } from './annotations';
import { reportBuildDiagnostics } from './build-diagnostics';
import { registerCommands } from './commands';
import { StraceConfigurationProvider } from './configuration-provider';
import { CurrentLine } from './current-line';
import { EngineLog } from './engine-log';
import { DEBUG_TYPE, Recordings } from './recordings';
import { showRunProgress } from './run-progress';
import { RunStatusBar } from './run-status-bar';
import { StraceViewerProvider, VIEWER_TYPE } from './strace-viewer';
import { TimelinePanel } from './timeline-panel';

export function activate(context: vscode.ExtensionContext): void {
  const recordings = new Recordings();
  const log = new EngineLog(recordings);
  const panel = new TimelinePanel(context.extensionUri, recordings);
  const annotations = new Annotations(recordings, vscode.Uri.joinPath(context.extensionUri, 'extension', 'media', 'syscall-gutter.svg'));
  const provider = new StraceConfigurationProvider();
  context.subscriptions.push(
    recordings,
    log,
    panel,
    annotations,
    new CurrentLine(recordings),
    new RunStatusBar(recordings),
    reportBuildDiagnostics(),
    showRunProgress(recordings),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, provider),
    // The Run and Debug drop-down offers "Trace the active file" without a launch.json.
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, { provideDebugConfigurations: () => provider.provideDebugConfigurations() }, vscode.DebugConfigurationProviderTriggerKind.Dynamic),
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new InlineAdapterFactory()),
    vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, log),
    vscode.window.registerCustomEditorProvider(VIEWER_TYPE, new StraceViewerProvider(context.extensionUri, recordings), {
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: false,
    }),
    registerCommands(panel, annotations),
  );
  log.line(`Syscall Lens ${String(context.extension.packageJSON.version)} activated`);
}

export function deactivate(): void {
  // Everything is in context.subscriptions; debug sessions are ended by VS Code.
}
