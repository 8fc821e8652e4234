/**
 * Editor annotations: each source line that made syscalls shows them at the end of the line
 * ("openat · write ×3 · close") with a gutter mark, and hovering the line lists the calls with
 * results and durations. They follow the current recording (live runs update them as batches
 * arrive, at most a few times a second) and the `syscallLens.annotations.enabled` setting,
 * which the "Toggle Syscall Annotations" command flips. Text goes through decoration
 * `contentText` (never HTML) and the hover's code fence (see annotation-text.ts).
 */
import * as vscode from 'vscode';
import { hoverMarkdown, lineSummary } from './annotation-text';
import type { EventSummary, Recording } from './recording';
import type { Recordings } from './recordings';
import { readSettings, SECTION } from './settings';

/** Hovers decode at most this many events per line (a loop line may have made thousands). */
const MAX_DECODED = 200;

export class Annotations implements vscode.Disposable {
  private readonly decoration: vscode.TextEditorDecorationType;
  private enabled: boolean;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly recordings: Recordings, gutterIcon: vscode.Uri) {
    this.decoration = vscode.window.createTextEditorDecorationType({
      gutterIconPath: gutterIcon,
      gutterIconSize: 'contain',
      after: {
        margin: '0 0 0 2em',
        color: new vscode.ThemeColor('editorCodeLens.foreground'),
        fontStyle: 'italic',
      },
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
    this.enabled = readSettings().annotations;
    this.subscriptions = [
      this.decoration,
      recordings.onStart(() => this.schedule(0)),
      recordings.onBatch(() => this.schedule(300)),
      recordings.onEnd(() => this.schedule(0)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.schedule(0)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(`${SECTION}.annotations.enabled`)) return;
        this.enabled = readSettings().annotations;
        this.schedule(0);
      }),
      vscode.languages.registerHoverProvider(['c', 'cpp', 'go', 'rust'], { provideHover: (doc, pos) => this.hover(doc, pos) }),
    ];
  }

  /** Flips the setting (user level), which re-renders through the configuration listener. */
  async toggle(): Promise<void> {
    const next = !this.enabled;
    await vscode.workspace.getConfiguration(SECTION).update('annotations.enabled', next, vscode.ConfigurationTarget.Global);
    this.enabled = next;
    this.render();
    void vscode.window.setStatusBarMessage(`Syscall annotations ${next ? 'on' : 'off'}`, 2000);
  }

  private schedule(delayMs: number): void {
    if (this.timer) {
      if (delayMs > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, delayMs);
  }

  private render(): void {
    const recording = this.recordings.current();
    for (const editor of vscode.window.visibleTextEditors) {
      if (!this.enabled || !recording || editor.document.uri.scheme !== 'file') {
        editor.setDecorations(this.decoration, []);
        continue;
      }
      editor.setDecorations(this.decoration, this.decorationsFor(recording, editor.document));
    }
  }

  private decorationsFor(recording: Recording, document: vscode.TextDocument): vscode.DecorationOptions[] {
    const options: vscode.DecorationOptions[] = [];
    for (const [line, seqs] of recording.linesOf(document.uri.fsPath)) {
      if (line < 1 || line > document.lineCount) continue;
      const end = document.lineAt(line - 1).range.end;
      const names = seqs.map((seq) => ({ name: recording.nameOf(seq) ?? '?' }));
      options.push({
        range: new vscode.Range(end, end),
        renderOptions: { after: { contentText: lineSummary(names) } },
      });
    }
    return options;
  }

  private hover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.enabled) return undefined;
    const recording = this.recordings.current();
    const seqs = recording?.linesOf(document.uri.fsPath).get(position.line + 1);
    if (!recording || !seqs?.length) return undefined;
    const markdown = new vscode.MarkdownString(hoverMarkdown(decode(recording, seqs), seqs.length));
    // Trace text is hostile: no command links, no HTML, no theme icons from it.
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    markdown.supportThemeIcons = false;
    return new vscode.Hover(markdown, document.lineAt(position.line).range);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}

function decode(recording: Recording, seqs: readonly number[]): EventSummary[] {
  const out: EventSummary[] = [];
  for (const seq of seqs.slice(0, MAX_DECODED)) {
    const e = recording.event(seq);
    if (e) out.push(e);
  }
  return out;
}
