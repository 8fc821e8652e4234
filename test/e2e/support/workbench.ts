/**
 * Drives real VS Code for the end-to-end tests: starts code-server with the packaged VSIX in a
 * throw-away profile on a copy of the test programs, opens it in Debian's Chromium through
 * playwright-core, and offers the handful of actions the tests need (open a file, F5, step,
 * read the stopped line, the call stack, the variables, the Problems view, the timeline
 * webview) plus a screenshot per step under test-output/e2e/. `close()` ends code-server,
 * Chromium and every traced program, and removes every temp dir, even after a failure.
 */
import { chromium, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCodeServer, type CodeServer } from '../../../scripts/code-server';
import { killTree, processesMentioning } from '../../../scripts/code-server-processes';
import type { PageGlobals } from './page-globals';
import { ensureVsix } from './vsix';

export const REPO = resolve(import.meta.dirname, '..', '..', '..');
export const VSIX = join(REPO, 'dist', 'syscall-lens.vsix');
export const SCREENSHOTS = join(REPO, 'test-output', 'e2e');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface WorkspaceFile { from: string; to: string }

export class Workbench {
  private shot = 0;

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly server: CodeServer,
    /** The workspace folder code-server opened (a temp copy). */
    readonly workspace: string,
    private readonly tempDirs: string[],
    private readonly name: string,
  ) {}

  /** Copies `files` (repo-relative or absolute sources → workspace-relative targets) into a temp workspace and opens it. */
  static async open(name: string, files: WorkspaceFile[], settings: Record<string, unknown> = {}): Promise<Workbench> {
    ensureVsix(REPO, VSIX);
    const workspace = mkdtempSync(join(tmpdir(), `syscall-lens-e2e-${name}-`));
    for (const f of files) cpSync(resolve(REPO, f.from), join(workspace, f.to), { recursive: true });
    const runs = join(workspace, '.runs');
    const browserData = mkdtempSync(join(tmpdir(), 'syscall-lens-e2e-chromium-'));
    let server: CodeServer | undefined;
    let context: BrowserContext | undefined;
    try {
      server = await startCodeServer({
        vsix: VSIX,
        folder: workspace,
        settings: { 'syscallLens.runsFolder': runs, 'files.exclude': { '.runs': true }, 'debug.openDebug': 'openOnSessionStart', ...settings },
      });
      context = await chromium.launchPersistentContext(browserData, {
        executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1500, height: 940 },
      });
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(server.url);
      await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      mkdirSync(SCREENSHOTS, { recursive: true });
      // A fresh set of screenshots per run: an old failure's picture must not pass for today's.
      for (const old of readdirSync(SCREENSHOTS)) if (old.startsWith(`${name}-`)) rmSync(join(SCREENSHOTS, old));
      return new Workbench(page, context, server, workspace, [workspace, browserData], name);
    } catch (err) {
      await context?.close().catch(() => undefined);
      await server?.stop();
      for (const pid of processesMentioning(browserData)) await killTree(pid, 1000);
      rmSync(workspace, { recursive: true, force: true });
      rmSync(browserData, { recursive: true, force: true });
      throw err;
    }
  }

  /** Saves a screenshot as test-output/e2e/<name>-NN-<step>.png and returns its path. */
  async screenshot(step: string): Promise<string> {
    const file = join(SCREENSHOTS, `${this.name}-${String(++this.shot).padStart(2, '0')}-${step}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Opens a workspace file by Quick Open and waits for its editor (a text editor unless told otherwise). */
  async openFile(relativePath: string, options: { textEditor?: boolean } = {}): Promise<void> {
    const base = relativePath.split('/').pop() ?? relativePath;
    await this.page.keyboard.press('Control+p');
    const input = this.quickInput();
    await input.waitFor();
    await input.fill(relativePath);
    await this.page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container .tab.active[aria-label*="${base}"]`).waitFor();
    if (options.textEditor !== false) await this.page.locator('.editor-instance .view-lines').first().click({ position: { x: 200, y: 5 } });
  }

  /** The visible quick input box (VS Code keeps hidden ones around). */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget input:visible').first();
  }

  /** Runs a palette command by its title. */
  async command(title: string): Promise<void> {
    const input = this.quickInput();
    await this.page.keyboard.press('F1');
    // F1 is lost when focus sits in a closing editor or a webview: give the workbench focus, retry.
    if (!(await input.waitFor({ timeout: 3000 }).then(() => true, () => false))) {
      await this.page.locator('.statusbar').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
      await this.page.keyboard.press('F1');
      await input.waitFor();
    }
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  async pressF5(): Promise<void> {
    await this.page.keyboard.press('F5');
  }

  /**
   * Waits until the debugger is stopped (VS Code's top-stack-frame line decoration is shown)
   * and returns that line number (1-based). With `notLine`, waits for a stop elsewhere.
   */
  async stoppedLine(options: { notLine?: number; timeoutMs?: number } = {}): Promise<number> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    let last: number | undefined;
    while (Date.now() < deadline) {
      last = await this.page.evaluate(() => {
        // The whole-line decoration and the line number share their `top` in Monaco's layout.
        const { document } = globalThis as unknown as PageGlobals;
        const editor = document.querySelector('.editor-group-container.active .monaco-editor') ?? document.querySelector('.monaco-editor');
        const mark = editor?.querySelector('.view-overlays .debug-top-stack-frame-line, .view-overlays .debug-focused-stack-frame-line');
        const top = mark?.parentElement?.style.top;
        if (!editor || !top) return undefined;
        for (const margin of editor.querySelectorAll('.margin-view-overlays > div')) {
          if (margin.style.top === top) return Number(margin.querySelector('.line-numbers')?.textContent ?? NaN);
        }
        return undefined;
      });
      if (last !== undefined && !Number.isNaN(last) && last !== options.notLine) return last;
      await this.page.waitForTimeout(200);
    }
    const shot = await this.screenshot('FAILED-no-stop').catch(() => 'no screenshot');
    throw new Error(`(see ${shot}) the debugger did not stop${options.notLine ? ` on a line other than ${options.notLine}` : ''} (last seen: ${last ?? 'no stopped line'})`);
  }

  /** Text of the CALL STACK view's rows. */
  async callStack(): Promise<string[]> {
    const rows = this.page.locator('.debug-call-stack .monaco-list-row');
    await rows.first().waitFor();
    return rows.allInnerTexts();
  }

  /** Text of the VARIABLES view's rows (expanded scopes included). */
  async variables(): Promise<string[]> {
    const rows = this.page.locator('.debug-variables .monaco-list-row');
    await rows.first().waitFor();
    return rows.allInnerTexts();
  }

  async stepOver(): Promise<void> {
    await this.page.keyboard.press('F10');
  }

  async stepBack(): Promise<void> {
    await this.page.locator('.debug-toolbar .codicon-debug-step-back').click();
  }

  async stopDebugging(): Promise<void> {
    const stop = this.page.locator('.debug-toolbar .codicon-debug-stop, .debug-toolbar .codicon-debug-disconnect');
    if (await stop.count()) await stop.first().click();
    await this.page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 20_000 }).catch(() => undefined);
  }

  /** The frame of the timeline webview (VS Code nests it in two iframes). */
  async timelineFrame(timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames()) {
        try {
          if (await frame.locator('#timeline').count()) return frame;
        } catch {
          // A frame being replaced.
        }
      }
      await this.page.waitForTimeout(250);
    }
    throw new Error('the timeline webview did not appear');
  }

  /** Waits until the timeline webview has loaded and counts some events in its status line. */
  async timelineLoaded(timeoutMs = 30_000): Promise<Frame> {
    const frame = await this.timelineFrame(timeoutMs);
    await frame.locator('#status').filter({ hasText: /\b[1-9][\d,]* events/ }).waitFor({ timeout: timeoutMs });
    return frame;
  }

  /** Every frame's document, for "did anything run" checks. */
  frames(): Frame[] {
    return this.page.frames();
  }

  /** Closes Chromium and code-server, kills anything left, removes temp dirs. */
  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.server.stop();
    for (const dir of this.tempDirs) for (const pid of processesMentioning(dir)) await killTree(pid, 1000);
    for (const dir of this.tempDirs) rmSync(dir, { recursive: true, force: true });
  }

  /** Processes still running that mention this test's temp dirs (should be none after close). */
  leftovers(): number[] {
    return this.tempDirs.flatMap((dir) => processesMentioning(dir));
  }
}
