/**
 * The syscall classes and event types as the panel names and colours them. The codes are the
 * adapter's (protocol.ts): index into these arrays. Colours are VS Code theme variables, so
 * the panel follows light, dark and high-contrast themes; the fallbacks only matter outside
 * VS Code (tests, benchmark).
 */
import type { SYSCALL_CLASSES as PROTOCOL_CLASSES } from '../../debug-adapter/protocol';

/** A copy (the webview may import only types from the adapter); the annotation makes tsc fail if they drift apart. */
export const SYSCALL_CLASSES: typeof PROTOCOL_CLASSES = ['file', 'network', 'process', 'memory', 'signal', 'ipc', 'other'] as const;

/** CSS variable and fallback per class, same order as SYSCALL_CLASSES. */
export const CLASS_COLOR_VARS: readonly (readonly [string, string])[] = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-yellow', '#cca700'],
  ['--vscode-terminal-ansiCyan', '#11a8cd'],
  ['--vscode-descriptionForeground', '#8b8b8b'],
];

/** Human labels for the legend. */
export const CLASS_LABELS = ['file', 'network', 'process', 'memory', 'signal', 'IPC', 'other'] as const;
