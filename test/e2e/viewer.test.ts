/**
 * End to end in real VS Code: a `.strace` log recorded by real strace opens in the Syscall
 * Lens viewer (the default editor for .strace files) and shows its events in the timeline,
 * failed calls included, without running the program again: no run folder is created.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbench } from './support/workbench';

describe('.strace viewer in VS Code', { timeout: 240_000 }, () => {
  let wb: Workbench;
  const logDir = mkdtempSync(join(tmpdir(), 'syscall-lens-e2e-log-'));
  const log = join(logDir, 'demo.strace');

  before(async () => {
    // A real log: a shell that succeeds at one open and fails at another.
    const res = spawnSync('strace', ['-f', '-tt', '-T', '-o', log, '/bin/sh', '-c', 'cat /etc/hostname > /dev/null; cat /nonexistent-syscall-lens-e2e 2>/dev/null; true']);
    assert.equal(res.status, 0, `strace ran: ${res.stderr}`);
    wb = await Workbench.open('viewer', [{ from: log, to: 'demo.strace' }]);
  });

  after(async () => {
    await wb?.close();
    rmSync(logDir, { recursive: true, force: true });
    if (wb) assert.deepEqual(wb.leftovers(), [], 'no process of this test may be left running');
  });

  it('opens a strace log as a timeline without running anything', async () => {
    await wb.openFile('demo.strace', { textEditor: false });
    const frame = await wb.timelineFrame(60_000);
    await frame.locator('#tab-table').click();
    await frame.locator('#table-rows .trow').filter({ hasText: 'execve' }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('viewer-table');
    // The table is virtualised: filter down to the failed open to find its row.
    await frame.locator('#filter').fill('nonexistent-syscall-lens-e2e');
    const failed = frame.locator('#table-rows .trow').filter({ hasText: '/nonexistent-syscall-lens-e2e' }).filter({ hasText: 'ENOENT' }).first();
    await failed.waitFor({ timeout: 30_000 });
    await wb.screenshot('viewer-filtered');
    await frame.locator('#filter').fill('');
    await frame.locator('#tab-summary').click();
    await wb.page.waitForTimeout(300);
    await wb.screenshot('viewer-summary');
    const summary = await frame.locator('#summary').innerText();
    assert.match(summary, /openat/, `the summary counts openat:\n${summary}`);
    const runs = join(wb.workspace, '.runs');
    assert.ok(!existsSync(runs) || readdirSync(runs).length === 0, 'opening a log created no run (nothing was run)');
  });

  it('"Open strace Log…" opens the same log in the timeline panel', async () => {
    await wb.page.keyboard.press('Control+k');
    await wb.page.keyboard.press('w'); // close the viewer: only the command's panel should show the log now
    await wb.command('Syscall Lens: Open strace Log');
    // VS Code in a browser shows its own file dialog: a path box in the quick input.
    const input = wb.page.locator('.quick-input-widget input:visible').first();
    await input.waitFor();
    await wb.screenshot('open-log-dialog');
    await input.fill(join(wb.workspace, 'demo.strace'));
    await wb.page.waitForTimeout(300);
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.tab', { hasText: 'Syscalls: demo.strace' }).waitFor({ timeout: 30_000 }).catch(async (err: unknown) => {
      await wb.screenshot('FAILED-no-panel');
      throw err;
    });
    const frame = await wb.timelineLoaded(60_000);
    await frame.locator('#tab-table').click();
    await frame.locator('#filter').fill('nonexistent-syscall-lens-e2e');
    await frame.locator('#table-rows .trow').filter({ hasText: 'ENOENT' }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('open-log-command');
    await wb.stopDebugging();
  });
});
