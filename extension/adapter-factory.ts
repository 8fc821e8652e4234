/**
 * Runs the debug adapter inside the extension host (no extra process): VS Code talks DAP to a
 * `StraceDebugSession` object directly. The same session class also runs as
 * `node dist/debugAdapter.js` for tests and other editors; inline is the default here because
 * it starts instantly and shares the extension's Node.
 *
 * `thread` events are held back on their way to VS Code. They report threads as the recording
 * sees them, which runs ahead of the debugger's cursor: a fast program's thread exits (in the
 * recording) while the learner is still stopped on its first syscall, and VS Code drops an
 * exited thread at once, and with it the stop — the step buttons go grey, the stopped line is
 * lost. A `started` event that arrives just after the first `stopped` races VS Code's own
 * thread fetch the same way. In a recording, which threads exist depends on the cursor: the
 * adapter answers `threads` for the cursor's moment and VS Code asks again at every stop, so
 * nothing is lost.
 */
import * as vscode from 'vscode';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { StraceDebugSession } from '../debug-adapter/session/index';

function isThreadEvent(message: vscode.DebugProtocolMessage): boolean {
  const m = message as DebugProtocol.ProtocolMessage;
  return m.type === 'event' && (m as DebugProtocol.Event).event === 'thread';
}

/** The session as VS Code's inline adapter, minus live thread events (see above). */
export function cursorTimeAdapter(session: StraceDebugSession): vscode.DebugAdapter {
  return {
    onDidSendMessage: (listener, thisArgs, disposables) => {
      const subscription = session.onDidSendMessage((message) => {
        if (!isThreadEvent(message)) listener.call(thisArgs, message);
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
