/**
 * Runs the debug adapter inside the extension host (no extra process): VS Code talks DAP to a
 * `StraceDebugSession` object directly. The same session class also runs as
 * `node dist/debugAdapter.js` for tests and other editors; inline is the default here because
 * it starts instantly and shares the extension's Node. Nothing is filtered on the way: the
 * adapter's `thread` events already follow the debugger's cursor (sent before each `stopped`),
 * which is what every client needs.
 */
import * as vscode from 'vscode';
import { StraceDebugSession } from '../debug-adapter/session/index';

export class InlineAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  createDebugAdapterDescriptor(): vscode.ProviderResult<vscode.DebugAdapterDescriptor> {
    return new vscode.DebugAdapterInlineImplementation(new StraceDebugSession());
  }
}
