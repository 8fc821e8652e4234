/**
 * A progress notification while a run is being built and started ("Building hello.c…",
 * "Starting under strace…"), closed as soon as the debugger first stops, events flow, or the
 * run ends. Cancelling it stops the debug session. Building with -g and starting strace -k can
 * take seconds; without this the learner sees nothing happen after F5.
 */
import * as vscode from 'vscode';
import type { Recording } from './recording';
import type { Recordings } from './recordings';

export function showRunProgress(recordings: Recordings): vscode.Disposable {
  return recordings.onStart(({ recording, session }) => {
    if (session.configuration.request === 'attach') return;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Syscall Lens: ${recording.title}`, cancellable: true },
      (progress, token) => new Promise<void>((resolve) => {
        const subscriptions: vscode.Disposable[] = [];
        const done = (): void => {
          for (const s of subscriptions) s.dispose();
          resolve();
        };
        const mine = (r: Recording): boolean => r === recording;
        progress.report({ message: 'preparing…' });
        subscriptions.push(
          recordings.onState(({ recording: r, state }) => {
            if (!mine(r)) return;
            if (state.state === 'building') progress.report({ message: state.message ?? 'building with debug info…' });
            else if (state.state === 'running') progress.report({ message: state.message ?? 'starting under strace…' });
            else done();
          }),
          recordings.onCursor(({ recording: r }) => { if (mine(r)) done(); }),
          recordings.onBatch(({ recording: r }) => { if (mine(r) && r.state?.state === 'running') done(); }),
          recordings.onEnd(({ recording: r }) => { if (mine(r)) done(); }),
          token.onCancellationRequested(() => {
            void vscode.debug.stopDebugging(session);
            done();
          }),
        );
      }),
    );
  });
}
