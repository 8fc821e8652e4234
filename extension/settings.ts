/**
 * The `syscallLens.*` settings, read in one place with their defaults and types checked, so a
 * hand-edited settings.json with a wrong type falls back to the default instead of reaching the
 * engine. Names match the `contributes.configuration` section of package.json.
 */
import * as vscode from 'vscode';

export interface SyscallLensSettings {
  straceArgs: string[];
  stringSize: number;
  filter: string[];
  annotations: boolean;
  /** Empty: the engine's default (~/.cache/syscall-lens/runs). */
  runsFolder: string;
  openTimelineOnStart: boolean;
}

export const SECTION = 'syscallLens';

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function readSettings(scope?: vscode.Uri): SyscallLensSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const stringSize = config.get<unknown>('stringSize');
  const runsFolder = config.get<unknown>('runsFolder');
  return {
    straceArgs: stringList(config.get('straceArgs')),
    stringSize: typeof stringSize === 'number' && stringSize > 0 ? Math.floor(stringSize) : 256,
    filter: stringList(config.get('filter')),
    annotations: config.get<unknown>('annotations.enabled') !== false,
    runsFolder: typeof runsFolder === 'string' ? runsFolder.trim() : '',
    openTimelineOnStart: config.get<unknown>('timeline.openOnStart') !== false,
  };
}
