/**
 * End to end in real VS Code: a traced program whose output and file paths are HTML, script
 * and Markdown. None of it may run — not in the timeline webview (table, status, tooltip) nor
 * in the editor's hovers — and it must be shown as the literal text it is. The payloads set
 * `data-pwned` on their document if they ever execute; every frame is checked for it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { hoverAtLine } from './support/editor-text';
import { markerLine } from './support/markers';
import type { PageGlobals } from './support/page-globals';
import { REPO, Workbench } from './support/workbench';

const SOURCE = join(REPO, 'test/e2e/fixtures/c/hostile.c');

async function pwnedFrames(wb: Workbench): Promise<string[]> {
  const hits: string[] = [];
  for (const frame of wb.frames()) {
    const value = await frame.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.dataset.pwned ?? '').catch(() => '');
    if (value) hits.push(`${frame.url()}: ${value}`);
  }
  return hits;
}

describe('hostile trace strings in VS Code', { timeout: 300_000 }, () => {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open('security', [{ from: 'test/e2e/fixtures/c/hostile.c', to: 'hostile.c' }]);
  });

  after(async () => {
    await wb?.close();
    if (wb) assert.deepEqual(wb.leftovers(), [], 'no process of this test may be left running');
  });

  it('shows markup from the trace as text in the timeline and runs none of it', async () => {
    await wb.openFile('hostile.c');
    await wb.pressF5();
    const frame = await wb.timelineFrame(90_000);
    const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /default-src 'none'/, `the webview has a strict CSP: ${csp}`);
    assert.match(csp ?? '', /script-src 'nonce-[^']+'/, `scripts need the nonce: ${csp}`);
    await frame.locator('#tab-table').click();
    const scriptRow = frame.locator('#table-rows .trow').filter({ hasText: '<script>document.documentElement' }).first();
    const pathRow = frame.locator('#table-rows .trow').filter({ hasText: 'syscall-lens-e2e-<img src=x onerror=' }).first();
    await scriptRow.waitFor({ timeout: 30_000 });
    await pathRow.waitFor({ timeout: 30_000 });
    await scriptRow.hover();
    await wb.page.waitForTimeout(400);
    await wb.screenshot('timeline-hostile-text');
    assert.equal(await frame.locator('img').count(), 0, 'no <img> element was created from trace text');
    assert.equal(await frame.locator('script', { hasText: 'pwned' }).count(), 0, 'no <script> element was created from trace text');
    for (const src of await frame.locator('script[src]').evaluateAll((scripts) => scripts.map((s) => s.getAttribute('src') ?? ''))) {
      assert.match(src, /\/dist\/webview\.js$/, `the only script loaded is the panel's own bundle: ${src}`);
    }
    await frame.locator('#tab-timeline').click();
    await wb.page.waitForTimeout(500);
    assert.deepEqual(await pwnedFrames(wb), [], 'no payload ran in any frame');
  });

  it('shows markup from the trace as text in the editor hovers and runs none of it', async () => {
    const hover = await hoverAtLine(wb.page, markerLine(SOURCE, 'HOSTILE_OPEN'));
    await wb.screenshot('hover-hostile-path');
    assert.match(hover.text, /<img src=x onerror=/, `the hover shows the path literally:\n${hover.text}`);
    assert.doesNotMatch(hover.html, /<img/i, 'the hover created no <img> element');
    await wb.page.keyboard.press('Escape');
    const md = await hoverAtLine(wb.page, markerLine(SOURCE, 'HOSTILE_MD'));
    await wb.screenshot('hover-hostile-markdown');
    assert.match(md.text, /\*\*bold\*\* \[link\]\(command:/, `Markdown in a path stays literal:\n${md.text}`);
    assert.doesNotMatch(md.html, /href="command:/, 'no command link was made from trace text');
    assert.deepEqual(await pwnedFrames(wb), [], 'no payload ran in any frame');
    await wb.stopDebugging();
  });
});
