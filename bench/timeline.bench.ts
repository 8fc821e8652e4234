/**
 * Benchmark of the timeline panel's own bundle in headless Chromium (npm run bench:timeline).
 * A million synthetic events (several processes and threads, a realistic class mix) are
 * generated inside the page, then posted to the panel as 10k-event batches the way VS Code
 * delivers them. Measured: load (first message to the first paint showing every event, lanes
 * and overview), the same batches posted through a MessageChannel to a listener that does
 * nothing (the structured-clone floor, for a ratio), ~100 zoom and ~100 pan redraws (the
 * panel's own draw time per frame), one filter over all events, and the JS heap. The machine's
 * load average is printed alongside: on a shared machine every figure scales with it, the
 * ratio to the clone floor much less. Prints one JSON object on its last line; never fails on time.
 */
import { cpus, loadavg } from 'node:os';
import { bundle, openHarness } from '../test/unit/webview-harness';

const EVENTS = Number(process.env.TIMELINE_BENCH_EVENTS ?? 1_000_000);
const BATCH = 10_000;

interface LoadResult { loadMs: number; cloneOnlyMs: number; heapMB: number | null }
interface RedrawResult { zoom: number[]; pan: number[] }

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const round = (v: number): number => Math.round(v * 100) / 100;

async function main(): Promise<void> {
  const generator = await bundle('test/unit/webview-synthetic.ts', '__synthetic');
  // Init scripts run wrapped in a function: publish the generator's global explicitly.
  const h = await openHarness({ width: 1600, height: 900, initScript: `${generator};window.__synthetic = __synthetic;` });
  try {
    const page = h.page;
    const t0 = Date.now();
    await page.evaluate(`window.__batches = __synthetic.syntheticBatches({ events: ${EVENTS}, batchSize: ${BATCH}, processes: 6, threadsPerProcess: 4, seed: 7 })
      .map((b) => ({ type: 'events', ...b })); window.__batches.length`);
    console.error(`generated ${EVENTS} events in the page in ${Date.now() - t0} ms`);

    const load = await page.evaluate(`(async () => {
      const batches = window.__batches;
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      // Floor: clone and deliver the same messages to a listener that does nothing.
      const channel = new MessageChannel();
      let received = 0;
      const delivered = new Promise((resolve) => { channel.port2.onmessage = () => { if (++received === batches.length) resolve(); }; });
      const c0 = performance.now();
      for (const b of batches) channel.port1.postMessage(b);
      await delivered;
      const cloneOnlyMs = performance.now() - c0;
      channel.port1.close();
      await frame();
      const api = window.syscallLensTimeline;
      const t0 = performance.now();
      for (const b of batches) window.postMessage(b, '*');
      for (;;) {
        await frame();
        const s = api.stats();
        if (s.drawnEvents === ${EVENTS} && s.overviewEvents === ${EVENTS}) break;
      }
      const loadMs = performance.now() - t0;
      window.__batches = null;
      const heapMB = performance.memory ? performance.memory.usedJSHeapSize / 1048576 : null;
      return { loadMs, cloneOnlyMs, heapMB };
    })()`) as LoadResult;
    console.error(`load ${load.loadMs.toFixed(0)} ms (clone-only floor ${load.cloneOnlyMs.toFixed(0)} ms)`);

    const redraw = await page.evaluate(`(async () => {
      const c = document.getElementById('timeline');
      const r = c.getBoundingClientRect();
      const api = window.syscallLensTimeline;
      const frame = () => new Promise((res) => requestAnimationFrame(res));
      const step = async (init) => {
        const before = api.stats().draws;
        c.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, clientX: r.left + r.width * 0.6, clientY: r.top + 120, ...init }));
        await frame();
        const s = api.stats();
        if (s.draws === before) throw new Error('the wheel event did not cause a redraw');
        return s.lastDrawMs;
      };
      const zoom = [];
      for (let i = 0; i < 50; i++) zoom.push(await step({ deltaY: -120 }));
      for (let i = 0; i < 50; i++) zoom.push(await step({ deltaY: 120 }));
      const pan = [];
      for (let i = 0; i < 3; i++) await step({ deltaY: -120 });
      for (let i = 0; i < 50; i++) pan.push(await step({ deltaY: i % 20 < 10 ? 150 : -150, shiftKey: true }));
      for (let i = 0; i < 10; i++) await step({ deltaY: -120 });
      for (let i = 0; i < 50; i++) pan.push(await step({ deltaY: i % 20 < 10 ? 150 : -150, shiftKey: true }));
      return { zoom, pan };
    })()`) as RedrawResult;

    const filterMs = await page.evaluate(`(async () => {
      const input = document.getElementById('filter');
      input.value = 'class:network errno:EAGAIN';
      const t0 = performance.now();
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - t0;
    })()`) as number;
    const stats = await page.evaluate('window.syscallLensTimeline.stats()') as { shown: number };
    if (h.problems.length) console.error(`page problems: ${h.problems.join('; ')}`);
    const all = [...redraw.zoom, ...redraw.pan];
    console.log(JSON.stringify({
      events: EVENTS,
      batches: Math.ceil(EVENTS / BATCH),
      loadMs: round(load.loadMs),
      cloneOnlyMs: round(load.cloneOnlyMs),
      loadVsCloneRatio: round(load.loadMs / load.cloneOnlyMs),
      panMedianMs: round(percentile(redraw.pan, 50)),
      zoomMedianMs: round(percentile(redraw.zoom, 50)),
      p95Ms: round(percentile(all, 95)),
      maxMs: round(Math.max(...all)),
      redraws: all.length,
      filterMs: round(filterMs),
      filterMatched: stats.shown,
      heapMB: load.heapMB === null ? null : round(load.heapMB),
      loadAverage1m: round(loadavg()[0]),
      cores: cpus().length,
    }));
  } finally {
    await h.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
