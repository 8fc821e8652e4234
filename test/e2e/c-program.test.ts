/**
 * End to end in real VS Code (code-server + Chromium): F5 on a C program with no launch.json
 * stops on the first syscall of the user's code, the call stack and variables show it, step
 * over moves the highlighted line, step back returns, the lines carry their syscall
 * annotations, and the timeline panel shows the events — a click on one moves the debugger and
 * the editor there. Screenshots of each step go to test-output/e2e/.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { lineAnnotations } from './support/editor-text';
import { markerLine } from './support/markers';
import { REPO, Workbench } from './support/workbench';

const SOURCE = join(REPO, 'test/e2e/fixtures/c/files.c');

describe('C program in VS Code', { timeout: 300_000 }, () => {
  let wb: Workbench;
  const started = Date.now();
  const timings: Record<string, number> = {};
  const mark = (step: string): void => { timings[step] = Date.now() - started; };

  before(async () => {
    wb = await Workbench.open('c', [{ from: 'test/e2e/fixtures/c/files.c', to: 'c/files.c' }]);
    mark('workbench');
  });

  after(async () => {
    await wb?.close();
    if (wb) assert.deepEqual(wb.leftovers(), [], 'no process of this test may be left running');
    console.log(`# e2e c timings (ms since start): ${JSON.stringify(timings)}`);
  });

  it('F5 stops on the first syscall of the program, with the call stack and variables showing it', async () => {
    await wb.openFile('c/files.c');
    await wb.screenshot('opened');
    await wb.pressF5();
    const line = await wb.stoppedLine({ timeoutMs: 90_000 });
    mark('stopped');
    await wb.timelineLoaded();
    await wb.variables();
    await wb.screenshot('stopped-on-entry');
    assert.equal(line, markerLine(SOURCE, 'WRITE'), 'stops on the write() line');
    const stack = (await wb.callStack()).join('\n');
    assert.match(stack, /write/, `the call stack names the syscall:\n${stack}`);
    assert.match(stack, /main/, `the call stack has main():\n${stack}`);
    const variables = (await wb.variables()).join('\n');
    assert.match(variables, /write/, `the variables show the syscall:\n${variables}`);
  });

  it('annotates source lines with the syscalls they made', async () => {
    const deadline = Date.now() + 20_000;
    let notes: string[] = [];
    while (Date.now() < deadline) {
      notes = await lineAnnotations(wb.page);
      if (notes.some((n) => /openat/.test(n)) && notes.some((n) => /write/.test(n))) break;
      await wb.page.waitForTimeout(300);
    }
    await wb.screenshot('annotations');
    assert.ok(notes.some((n) => /^write/.test(n)), `a line shows "write": ${JSON.stringify(notes)}`);
    assert.ok(notes.some((n) => /openat/.test(n)), `a line shows "openat": ${JSON.stringify(notes)}`);
  });

  it('step over moves to the next line that made a syscall, step back returns', async () => {
    const writeLine = markerLine(SOURCE, 'WRITE');
    await wb.stepOver();
    const next = await wb.stoppedLine({ notLine: writeLine });
    await wb.screenshot('step-over');
    assert.equal(next, markerLine(SOURCE, 'OPEN'), 'step over lands on the open() line');
    await wb.stepBack();
    const back = await wb.stoppedLine({ notLine: next });
    await wb.screenshot('step-back');
    assert.equal(back, writeLine, 'step back returns to the write() line');
    mark('stepped');
  });

  it('the timeline shows the events and a click on one moves the editor there', async () => {
    const frame = await wb.timelineLoaded();
    await frame.locator('#tab-table').click();
    // The table is virtualised: filter to the calls on /etc/hostname so their rows are on screen.
    await frame.locator('#filter').fill('hostname');
    // The filter applies after a short pause in typing: wait for it before picking rows.
    await frame.locator('#status').filter({ hasText: /match the filter/ }).waitFor({ timeout: 30_000 });
    const readRow = frame.locator('#table-rows .trow').filter({ hasText: /\bread\(3\b/ }).first();
    const openRow = frame.locator('#table-rows .trow', { hasText: 'openat' }).filter({ hasText: '/etc/hostname' }).first();
    await openRow.waitFor({ timeout: 30_000 });
    await wb.screenshot('timeline-table');
    await readRow.locator('span').first().click();
    const line = await wb.stoppedLine({ notLine: markerLine(SOURCE, 'WRITE') });
    await wb.screenshot('timeline-click-moved-editor');
    assert.equal(line, markerLine(SOURCE, 'READ'), 'clicking the read() event moves the debugger to its line');
    await frame.locator('#tab-timeline').click();
    await wb.page.waitForTimeout(500);
    await wb.screenshot('timeline-view');
    const status = await frame.locator('#status').innerText();
    assert.match(status, /\d/, `the panel's status line counts events: "${status}"`);
    mark('timeline');
    await wb.stopDebugging();
  });
});
