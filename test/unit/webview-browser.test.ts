/**
 * The timeline panel's real bundle in real Chromium (playwright-core, Debian's
 * /usr/bin/chromium), in the page html.ts builds with its CSP: hostile trace strings stay
 * text, a click posts `goto` with the right seq, a `cursor` message highlights the event,
 * the keyboard moves between events, the filter and the table work, and the panel grows as
 * batches arrive. Screenshots of each theme go to test-output/webview/ for a person to look at.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventsBatchBody } from '../../debug-adapter/protocol';
import type { EventsMessage } from '../../extension/webview/messages';
import { bundle, nextFrames, openHarness, waitFor, type Harness } from './webview-harness';

const OUT = join(__dirname, '..', '..', 'test-output', 'webview');
const PAYLOADS = [
  '<script>window.__payloadRan = true</script>',
  '<img src=x onerror="window.__payloadRan = true">',
  '"><svg onload="window.__payloadRan = true"></svg>',
  '<b>bold?</b><iframe src="javascript:window.__payloadRan=true"></iframe>',
];

/** Three lanes: a main thread with hostile calls, a second thread, and a child process; ~60 events. */
function hostileBatch(): EventsBatchBody {
  const strings = ['openat', 'read', 'write', 'ENOENT', '/tmp/<img src=x onerror="window.__payloadRan = true">.c', 'clone3', 'exit_group', '<script>window.__payloadRan = true</script>'];
  const ev = { type: [] as number[], pid: [] as number[], tgid: [] as number[], name: [] as number[], cls: [] as number[], start: [] as number[], duration: [] as number[],
    ret: [] as (number | null)[], errno: [] as number[], sourcePath: [] as number[], sourceLine: [] as number[], runtime: [] as boolean[], raw: [] as string[] };
  for (let k = 0; k < 60; k++) {
    const hostile = k % 5 === 0;
    const payload = PAYLOADS[k % PAYLOADS.length];
    const tid = k % 3 === 0 ? 300 : k % 3 === 1 ? 301 : 400;
    ev.type.push(k === 59 ? 2 : 0);
    ev.pid.push(tid);
    ev.tgid.push(tid === 400 ? 400 : 300);
    ev.name.push(k === 59 ? 6 : hostile ? 7 : k % 4 === 0 ? 0 : k % 4 === 1 ? 1 : k % 4 === 2 ? 2 : 5);
    ev.cls.push(k % 4 === 3 ? 2 : 0);
    ev.start.push(k * 0.001);
    ev.duration.push(0.0004);
    ev.ret.push(hostile ? -1 : 3);
    ev.errno.push(hostile ? 3 : -1);
    ev.sourcePath.push(4);
    ev.sourceLine.push(10 + k);
    ev.runtime.push(false);
    ev.raw.push(hostile ? `openat(AT_FDCWD, "${payload}", O_RDONLY) = -1 ENOENT (No such file or directory)` : `read(3, "plain ${k}", 64) = 3`);
  }
  return {
    reset: true,
    batch: { from: 0, count: 60, strings, ...ev },
    processes: [
      { pid: 300, parent: null, program: '/work/<img src=x onerror="window.__payloadRan = true">', threads: [300, 301], exited: false },
      { pid: 400, parent: 300, program: '<script>window.__payloadRan = true</script>', threads: [400], exited: true },
    ],
  };
}

function eventsMessage(body: EventsBatchBody): EventsMessage {
  return { type: 'events', ...body };
}

interface Box { x: number; y: number; w: number; h: number }

for (const theme of ['dark', 'light', 'high-contrast'] as const) {
  describe(`timeline webview in Chromium (${theme} theme)`, () => {
    let h: Harness;
    before(async () => {
      mkdirSync(OUT, { recursive: true });
      h = await openHarness({ theme, width: 1200, height: 640 });
      await h.send(eventsMessage(hostileBatch()), { type: 'runState', state: 'running' });
    });
    after(async () => { await h?.close(); });

    const box = async (seq: number): Promise<Box> => {
      const b = await h.page.evaluate(`window.syscallLensTimeline.eventBox(${seq})`) as Box | null;
      assert.ok(b, `event ${seq} is laid out`);
      return b;
    };

    test('trace strings with markup and script are shown as text and never run', async () => {
      // Hover a hostile event so the tooltip shows its raw line, then show the table and the summary.
      const b = await box(5);
      await h.page.mouse.move(b.x + b.w / 2, b.y + b.h / 2);
      await nextFrames(h.page);
      const tooltip = await h.page.textContent('#tooltip');
      assert.ok(tooltip?.includes(`"${PAYLOADS[5 % PAYLOADS.length]}"`), `tooltip shows the markup as text: ${tooltip}`);
      await h.page.screenshot({ path: join(OUT, `hostile-tooltip-${theme}.png`) });
      await h.page.click('#tab-table');
      await nextFrames(h.page);
      const cells = await h.page.$$eval('#table-rows .trow span', (els) => els.map((e) => e.textContent ?? ''));
      assert.ok(cells.some((c) => c.includes('<img src=x onerror="window.__payloadRan = true">')), 'the table shows the raw line as text');
      assert.ok(cells.some((c) => c.includes('/tmp/<img src=x onerror="window.__payloadRan = true">.c:')), 'and the source path');
      await h.page.screenshot({ path: join(OUT, `hostile-table-${theme}.png`) });
      await h.page.click('#tab-summary');
      await nextFrames(h.page);
      const names = await h.page.$$eval('#summary tbody td:last-child', (els) => els.map((e) => e.textContent));
      assert.ok(names.includes('<script>window.__payloadRan = true</script>'), 'the summary names the hostile syscall as text');
      await h.page.click('#tab-timeline');
      await nextFrames(h.page);
      await h.page.waitForTimeout(200); // time for any image error or iframe load a payload could have caused
      const found = await h.page.evaluate(`({
        ran: window.__payloadRan,
        elements: document.querySelectorAll('img, svg, iframe, b').length,
        scripts: document.scripts.length,
        csp: window.__cspViolations ?? [],
      })`) as { ran: boolean; elements: number; scripts: number; csp: string[] };
      assert.deepEqual(found, { ran: false, elements: 0, scripts: 1, csp: [] });
      assert.deepEqual(h.problems, []);
    });

    test('a click on an event posts goto with its seq and thread', async () => {
      const b = await box(22);
      await h.page.mouse.click(b.x + b.w / 2, b.y + b.h / 2);
      const posted = await h.posted() as { type: string; seq?: number; threadId?: number }[];
      assert.deepEqual(posted.filter((m) => m.type === 'goto').at(-1), { type: 'goto', seq: 22, threadId: 301 });
    });

    test('a cursor message highlights the event and says which it is', async () => {
      await h.send({ type: 'cursor', seq: 37, threadId: 301, source: null });
      const info = await h.page.textContent('#focus-info');
      assert.match(info ?? '', /^#37 · read\(3, "plain 37", 64\) = 3/);
      const b = await box(37);
      // The highlight is a 2 px frame in the editor cursor colour, covering the 4th and 3rd pixel left of the bar.
      const pixel = await h.page.evaluate(`(() => {
        const c = document.getElementById('timeline'); const r = c.getBoundingClientRect(); const dpr = window.devicePixelRatio;
        const d = c.getContext('2d').getImageData(Math.round((Math.round(${b.x} - r.left) - 4) * dpr), Math.round((${b.y + b.h / 2} - r.top) * dpr), 1, 1).data;
        return [d[0], d[1], d[2]];
      })()`) as number[];
      const expected = theme === 'dark' ? [0xae, 0xaf, 0xad] : theme === 'light' ? [0, 0, 0] : [0xff, 0xff, 0xff];
      assert.ok(pixel.every((v, k) => Math.abs(v - expected[k]) < 40), `frame pixel ${pixel} is the cursor colour ${expected}`);
      await h.page.click('#tab-table');
      await nextFrames(h.page);
      const cursorRow = await h.page.$eval('#table-rows .trow.cursor span', (e) => e.textContent);
      assert.equal(cursorRow, '37', 'the table scrolls to and marks the same event');
      await h.page.click('#tab-timeline');
      await nextFrames(h.page);
      await h.page.screenshot({ path: join(OUT, `cursor-${theme}.png`) });
    });

    test('keyboard: Tab reaches the timeline, arrows move between events, Enter posts goto', async () => {
      await h.page.focus('#filter');
      let guard = 0;
      while (!(await h.page.evaluate('document.activeElement?.id === "timeline"')) && guard++ < 12) await h.page.keyboard.press('Tab');
      assert.equal(await h.page.evaluate('document.activeElement?.id'), 'timeline', 'the timeline is in the tab order');
      await h.page.keyboard.press('ArrowRight');
      assert.match(await h.page.textContent('#focus-info') ?? '', /^#40 /, 'next event in the same thread (301: 37, 40, ...)');
      await h.page.keyboard.press('ArrowDown');
      assert.match(await h.page.textContent('#focus-info') ?? '', /thread|process 400/);
      const seq = Number(/^#(\d+)/.exec(await h.page.textContent('#focus-info') ?? '')?.[1]);
      await h.page.keyboard.press('Enter');
      const posted = await h.posted() as { type: string; seq?: number }[];
      assert.equal(posted.filter((m) => m.type === 'goto').at(-1)?.seq, seq);
      await nextFrames(h.page);
      await h.page.screenshot({ path: join(OUT, `keyboard-focus-${theme}.png`) });
    });

    test('filter: matches narrow every view; a bad term explains itself', async () => {
      await h.page.fill('#filter', 'errno:ENOENT');
      await h.page.press('#filter', 'Enter');
      await nextFrames(h.page);
      assert.match(await h.page.textContent('#status') ?? '', /60 events · 12 match the filter/);
      await h.page.fill('#filter', 'class:disk');
      await h.page.press('#filter', 'Enter');
      assert.match(await h.page.textContent('#filter-error') ?? '', /unknown class "disk"/);
      assert.equal(await h.page.getAttribute('#filter', 'aria-invalid'), 'true');
      await h.page.fill('#filter', '');
      await h.page.press('#filter', 'Enter');
      await nextFrames(h.page);
      assert.doesNotMatch(await h.page.textContent('#status') ?? '', /match the filter/);
      // A summary row filters to its syscall (here the hostile name: it goes into the box as text).
      await h.page.click('#tab-summary');
      await nextFrames(h.page);
      await h.page.click('#summary tbody tr[data-name^="<script>"]');
      await nextFrames(h.page);
      assert.equal(await h.page.inputValue('#filter'), 'name:"<script>window.__payloadRan = true</script>"');
      assert.match(await h.page.textContent('#status') ?? '', /60 events · 12 match the filter/);
      assert.equal(await h.page.getAttribute('#tab-timeline', 'aria-selected'), 'true');
      await h.page.fill('#filter', '');
      await h.page.press('#filter', 'Enter');
    });

    test('grows live as batches arrive, and zooms with the wheel', async () => {
      const more = hostileBatch();
      more.reset = false;
      more.batch.from = 60;
      more.batch.start = more.batch.start.map((t) => t + 0.06);
      more.batch.type = more.batch.type.map(() => 0);
      await h.send(eventsMessage(more));
      const stats = await h.page.evaluate('window.syscallLensTimeline.stats()') as { events: number };
      assert.equal(stats.events, 120);
      // Data-driven redraws are spaced (>= 100 ms) while batches stream; the new events are drawn soon after.
      await waitFor(h.page, 'window.syscallLensTimeline.stats().drawnEvents === 120', 2000);
      const before = await box(100);
      const r = await h.page.$eval('#timeline', (e) => { const b = e.getBoundingClientRect(); return { x: b.x, y: b.y, w: b.width }; });
      await h.page.mouse.move(r.x + r.w - 50, r.y + 100);
      await h.page.mouse.wheel(0, -400);
      await waitFor(h.page, `window.syscallLensTimeline.eventBox(100).w > ${before.w * 1.5}`, 5000);
      await h.page.mouse.move(0, 0);
      await h.page.click('#zoom-fit');
      await nextFrames(h.page);
      await h.page.screenshot({ path: join(OUT, `timeline-${theme}.png`) });
    });
  });
}

describe('timeline webview in Chromium: 600,000 events', () => {
  let h: Harness;
  before(async () => {
    const generator = await bundle('test/unit/webview-synthetic.ts', '__synthetic');
    h = await openHarness({ width: 1200, height: 640, initScript: `${generator};window.__synthetic = __synthetic;` });
    await h.page.evaluate(`for (const b of __synthetic.syntheticBatches({ events: 600000, batchSize: 20000, processes: 3, threadsPerProcess: 3 })) window.postMessage({ type: 'events', ...b }, '*')`);
    await waitFor(h.page, 'window.syscallLensTimeline.stats().drawnEvents === 600000', 120_000);
  });
  after(async () => { await h?.close(); });

  test('the table scrolls through every row (past the browser\'s element height limit) and opens sources', async () => {
    await h.page.click('#tab-table');
    await nextFrames(h.page);
    const firstSeq = async (): Promise<number> => Number(await h.page.$eval('#table-rows .trow:not([hidden]) span', (e) => e.textContent));
    const rowCount = await h.page.$$eval('#table-rows .trow', (rows) => rows.length);
    assert.ok(rowCount < 60, `only the visible rows exist (${rowCount})`);
    await h.page.focus('#table-scroll');
    await h.page.keyboard.press('End');
    await nextFrames(h.page);
    const seqs = await h.page.$$eval('#table-rows .trow:not([hidden]) span:first-child', (els) => els.map((e) => Number(e.textContent)));
    assert.equal(Math.max(...seqs), 599_999, 'End reaches the last event');
    assert.equal(await h.page.$eval('#table-rows .trow.selected span', (e) => e.textContent), '599999');
    await h.page.keyboard.press('Home');
    await nextFrames(h.page);
    assert.equal(await firstSeq(), 0);
    await h.page.$eval('#table-scroll', (el) => { el.scrollTop = (el.scrollHeight - el.clientHeight) / 2; });
    await nextFrames(h.page);
    const middle = await firstSeq();
    assert.ok(Math.abs(middle - 300_000) < 1000, `half way down shows the middle rows (${middle})`);
    const sourceCell = await h.page.$('#table-rows .trow:not([hidden]) .source-cell:not(:empty)');
    assert.ok(sourceCell, 'a row with a source line is visible');
    const expected = await sourceCell.textContent();
    await sourceCell.click();
    const posted = await h.posted() as { type: string; path?: string; line?: number }[];
    const reveal = posted.filter((m) => m.type === 'revealSource').at(-1);
    assert.equal(`${reveal?.path}:${reveal?.line}`, expected);
  });
});
