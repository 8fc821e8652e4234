/**
 * A status bar item while a recording is live: "● REC hello · 1 234 syscalls", updated at most
 * a few times a second as batches arrive, gone when the run ends. Clicking it shows the
 * timeline. It answers "is my program still running under strace?" at a glance.
 */
import * as vscode from 'vscode';
import type { Recording } from './recording';
import type { Recordings } from './recordings';

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('syscallLens.recording', vscode.StatusBarAlignment.Left, 50);
  private live: Recording | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(recordings: Recordings) {
    this.item.name = 'Syscall Lens recording';
    this.item.command = 'syscallLens.showTimeline';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.subscriptions = [
      recordings.onState(({ recording, state }) => {
        if (state.state === 'running') this.show(recording);
        else if (state.state === 'ended' && recording === this.live) this.hide();
      }),
      recordings.onBatch(({ recording }) => { if (recording === this.live) this.schedule(); }),
      recordings.onEnd(({ recording }) => { if (recording === this.live) this.hide(); }),
    ];
  }

  private show(recording: Recording): void {
    this.live = recording;
    this.render();
    this.item.show();
  }

  private hide(): void {
    this.live = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.item.hide();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, 250);
  }

  private render(): void {
    if (!this.live) return;
    const count = this.live.length.toLocaleString('en-US');
    this.item.text = `$(record) REC ${this.live.title} · ${count} syscalls`;
    this.item.tooltip = `Syscall Lens is recording ${this.live.title} under strace. Click to show the timeline.`;
  }

  dispose(): void {
    this.hide();
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
