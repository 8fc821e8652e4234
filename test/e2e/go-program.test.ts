/**
 * End to end in real VS Code: F5 on a Go program (the `samples/go/hello` exercise when the
 * samples are there, else our fixture) stops on the first syscall of main's code — not the Go
 * runtime's start-up calls — and step over / step back move between the marked lines.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { markerLines } from './support/markers';
import { REPO, Workbench } from './support/workbench';

const SAMPLE = 'samples/go/hello';
const FOLDER = existsSync(join(REPO, SAMPLE, 'main.go')) ? SAMPLE : 'test/e2e/fixtures/go/hello';
const SOURCE = join(REPO, FOLDER, 'main.go');

describe(`Go program in VS Code (${FOLDER})`, { timeout: 300_000 }, () => {
  let wb: Workbench;
  const started = Date.now();
  const timings: Record<string, number> = {};

  before(async () => {
    wb = await Workbench.open('go', [{ from: FOLDER, to: 'hello' }]);
    timings.workbench = Date.now() - started;
  });

  after(async () => {
    await wb?.close();
    if (wb) assert.deepEqual(wb.leftovers(), [], 'no process of this test may be left running');
    console.log(`# e2e go timings (ms since start): ${JSON.stringify(timings)}`);
  });

  it('F5 stops on main\'s first syscall; step over and step back move between marked lines', async () => {
    const marked = markerLines(SOURCE);
    assert.ok(marked.length >= 2, `${SOURCE} needs two marked lines`);
    await wb.openFile('hello/main.go');
    await wb.pressF5();
    const first = await wb.stoppedLine({ timeoutMs: 120_000 });
    timings.stopped = Date.now() - started;
    await wb.timelineLoaded();
    await wb.screenshot('stopped-on-entry');
    assert.equal(first, marked[0].line, `stops on the first marked line (#${marked[0].marker})`);
    const stack = (await wb.callStack()).join('\n');
    assert.match(stack, /main\.main/, `the call stack shows main.main:\n${stack}`);
    assert.match(stack, /write/i, `the call stack shows the write syscall:\n${stack}`);
    await wb.stepOver();
    const second = await wb.stoppedLine({ notLine: first });
    await wb.screenshot('step-over');
    assert.equal(second, marked[1].line, `step over lands on the next marked line (#${marked[1].marker})`);
    await wb.stepBack();
    const back = await wb.stoppedLine({ notLine: second });
    await wb.screenshot('step-back');
    assert.equal(back, first, 'step back returns');
    const frame = await wb.timelineLoaded();
    await frame.locator('#tab-table').click();
    await frame.locator('#table-rows .trow').filter({ hasText: /write\(1/ }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('timeline-table');
    timings.done = Date.now() - started;
    await wb.stopDebugging();
  });
});
