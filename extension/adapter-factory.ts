/**
 * Runs the debug adapter inside the extension host (no extra process): VS Code talks DAP to a
 * `StraceDebugSession` object directly. The same session class also runs as
 * `node dist/debugAdapter.js` for tests and other editors; inline is the default here because
 * it starts instantly and shares the extension's Node.
 *
 * One message is held back on its way to VS Code: a `thread` event with reason `exited`. The
 * recording runs ahead of the debugger's cursor, so a fast program's threads exit (in the
 * recording) while the learner is still stopped on its first syscall; VS Code drops an exited
 * thread at once, and with it the stop — the step buttons go grey and the stopped line is lost.
 * In a recording, which threads exist depends on the cursor: the adapter answers `threads`
 * for the cursor's moment, and VS Code asks again at every stop, so nothing is lost.
 */
import * as vscode from 'vscode';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { StraceDebugSession } from '../debug-adapter/session/index';

function isThreadExit(message: vscode.DebugProtocolMessage): boolean {
  const m = message as DebugProtocol.ProtocolMessage;
  return m.type === 'event' && (m as DebugProtocol.Event).event === 'thread' && (m as DebugProtocol.ThreadEvent).body?.reason === 'exited';
}

/** The session as VS Code's inline adapter, minus live thread-exit events (see above). */
export function cursorTimeAdapter(session: StraceDebugSession): vscode.DebugAdapter {
  return {
    onDidSendMessage: (listener, thisArgs, disposables) => {
      const subscription = session.onDidSendMessage((message) => {
        if (!isThreadExit(message)) listener.call(thisArgs, message);
      });
      const disposable = new vscode.Disposable(() => subscription.dispose());
      disposables?.push(disposable);
      return disposable;
    },
    handleMessage: (message) => session.handleMessage(message as DebugProtocol.ProtocolMessage),
    dispose: () => session.dispose(),
  };
}

export class InlineAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  createDebugAdapterDescriptor(): vscode.ProviderResult<vscode.DebugAdapterDescriptor> {
    return new vscode.DebugAdapterInlineImplementation(cursorTimeAdapter(new StraceDebugSession()));
  }
}
