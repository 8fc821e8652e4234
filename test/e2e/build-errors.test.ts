/**
 * End to end in real VS Code: F5 on a C file that does not compile shows the compiler's error
 * in the Problems view at the marked file:line, and no debug session is left running.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { markerLine } from './support/markers';
import { REPO, Workbench } from './support/workbench';

const SOURCE = join(REPO, 'test/e2e/fixtures/c/broken.c');

describe('build errors in VS Code', { timeout: 240_000 }, () => {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open('build-error', [{ from: 'test/e2e/fixtures/c/broken.c', to: 'broken.c' }]);
  });

  after(async () => {
    await wb?.close();
    if (wb) assert.deepEqual(wb.leftovers(), [], 'no process of this test may be left running');
  });

  it('shows the compiler error in the Problems view at file:line', async () => {
    await wb.openFile('broken.c');
    await wb.pressF5();
    const problems = wb.page.locator('.markers-panel .monaco-list-row');
    await problems.first().waitFor({ timeout: 90_000 }).catch(async () => {
      // The view may exist but be hidden behind another panel tab: open it.
      await wb.page.keyboard.press('Control+Shift+m');
      await problems.first().waitFor({ timeout: 10_000 });
    });
    await wb.page.waitForTimeout(500);
    await wb.screenshot('problems');
    const text = (await problems.allInnerTexts()).join('\n');
    const line = markerLine(SOURCE, 'ERROR');
    assert.match(text, /broken\.c/, `the Problems view names the file:\n${text}`);
    // The error is reported on the marked line or the next one (gcc points at the token after the missing ';').
    const lines = [...text.matchAll(/\[Ln (\d+), Col \d+\]/g)].map((m) => Number(m[1]));
    assert.ok(lines.some((l) => l === line || l === line + 1), `an error at line ${line} (or ${line + 1}); got ${JSON.stringify(lines)}:\n${text}`);
    assert.match(text, /expected|error/i, `the compiler's message is shown:\n${text}`);
  });
});
