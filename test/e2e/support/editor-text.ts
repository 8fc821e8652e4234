/**
 * Reads what the editor shows beyond the file's own text: the end-of-line annotations (Monaco
 * renders decoration `after` text as CSS `::after` content, so it is not in the DOM's text) and
 * the hover widget. Runs inside the workbench page.
 */
import type { Page } from 'playwright-core';
import type { PageGlobals } from './page-globals';

/** Every `::after` text the active editor shows on its lines, in screen order. */
export async function lineAnnotations(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    const editor = document.querySelector('.editor-group-container.active .monaco-editor') ?? document.querySelector('.monaco-editor');
    const out: { top: number; text: string }[] = [];
    for (const span of editor?.querySelectorAll('.view-lines .view-line span') ?? []) {
      const content = getComputedStyle(span, '::after').content;
      if (content && content !== 'none' && content !== 'normal' && content !== '""') {
        out.push({ top: span.getBoundingClientRect().top, text: content.replace(/^"|"$/g, '').replace(/\\"/g, '"') });
      }
    }
    return out.sort((a, b) => a.top - b.top).map((o) => o.text);
  });
}

/** Moves the cursor to `line` (Ctrl+G) and shows the hover there (Ctrl+K Ctrl+I); returns its text. */
export async function hoverAtLine(page: Page, line: number): Promise<{ text: string; html: string }> {
  // Focus the first editor group (the source), wherever focus was (e.g. the timeline webview).
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+g');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:1`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Control+k');
  await page.keyboard.press('Control+i');
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Syscall Lens' }).first();
  await hover.waitFor({ timeout: 15_000 });
  return { text: await hover.innerText(), html: await hover.innerHTML() };
}
