/**
 * Turns F5 into a `strace` launch configuration. With no launch.json, F5 on a .c, .cpp, .go or
 * .rs file traces the active file on this machine; every configuration gets the user's
 * `syscallLens.*` settings (strace options, string size, filter, runs folder) where it does not
 * say otherwise. Problems the user can fix (no program, a file that does not exist) are shown
 * as one clear message instead of a failed session.
 */
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import type { AttachArguments, LaunchArguments } from '../debug-adapter/protocol';
import { DEBUG_TYPE } from './recordings';
import { readSettings } from './settings';

export const TRACEABLE_LANGUAGES = ['c', 'cpp', 'go', 'rust'];

type StraceConfiguration = vscode.DebugConfiguration & Partial<LaunchArguments> & Partial<AttachArguments>;

export class StraceConfigurationProvider implements vscode.DebugConfigurationProvider {
  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return [{ type: DEBUG_TYPE, request: 'launch', name: 'Trace the active file', program: '${file}', stopOnEntry: true }];
  }

  resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    let resolved = config as StraceConfiguration;
    if (!resolved.type && !resolved.request && !resolved.name) {
      // F5 with no launch.json: trace the active file.
      const editor = vscode.window.activeTextEditor;
      if (!editor || !TRACEABLE_LANGUAGES.includes(editor.document.languageId)) {
        void vscode.window.showErrorMessage('Syscall Lens: open a .c, .cpp, .go or .rs file and press F5 again, or add a launch configuration of type "strace".');
        return undefined;
      }
      resolved = { type: DEBUG_TYPE, request: 'launch', name: 'Trace the active file', program: editor.document.uri.fsPath, stopOnEntry: true };
    }
    resolved.type = DEBUG_TYPE;
    resolved.request ??= 'launch';
    resolved.name ??= resolved.request === 'attach' ? 'Open strace log' : 'Trace';
    resolved.stopOnEntry ??= true;
    resolved.justMyCode ??= true;
    if (resolved.request === 'attach') {
      if (!resolved.sourceRoots && folder) resolved.sourceRoots = [folder.uri.fsPath];
      return resolved;
    }
    const settings = readSettings(folder?.uri);
    resolved.program ??= '${file}';
    resolved.straceArgs ??= settings.straceArgs;
    resolved.stringSize ??= settings.stringSize;
    if (resolved.filter === undefined && settings.filter.length) resolved.filter = settings.filter;
    if (!resolved.runsDir && settings.runsFolder) resolved.runsDir = settings.runsFolder;
    return resolved;
  }

  resolveDebugConfigurationWithSubstitutedVariables(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    const resolved = config as StraceConfiguration;
    if (resolved.request === 'attach') {
      if (!resolved.trace) return fail('an "attach" configuration needs "trace": a run folder or a strace log file.');
      if (!existsSync(resolved.trace)) return fail(`the strace log "${resolved.trace}" does not exist. Check "trace" in launch.json.`);
      return resolved;
    }
    if (!resolved.program) return fail('the configuration has no "program": set it to a source file, a folder or a binary.');
    const local = !resolved.target || resolved.target === 'local' || (typeof resolved.target === 'object' && resolved.target.type === 'local');
    // Remote targets may name a program that only exists there; locally we can check now.
    if (local && !existsSync(resolved.program)) return fail(`"${resolved.program}" does not exist. Check "program" in launch.json, or open the file to trace and press F5.`);
    return resolved;
  }
}

function fail(message: string): undefined {
  void vscode.window.showErrorMessage(`Syscall Lens: ${message}`);
  return undefined;
}
