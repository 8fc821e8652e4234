/**
 * Benchmark of the timeline panel's own bundle in headless Chromium (npm run bench:timeline).
 * A million synthetic events (several processes and threads, a realistic class mix) are
 * generated inside the page, then posted to the panel as 10k-event batches the way VS Code
 * delivers them. Measured: load (first message to the first paint showing every event, lanes
 * and overview), the same batches posted through a MessageChannel to a listener that does
 * nothing (the structured-clone floor, for a ratio), ~100 zoom and ~100 pan redraws (the
 * panel's own draw time per frame), one filter over all events, and the JS heap. On a shared
 * machine wall times stretch with the load, so the CPU time Chromium's processes used (from
 * /proc) is printed beside them, with the load average. Prints one JSON object on its last
 * line; never fails on time.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU time (user + system, ms) used so far by the Chromium started with `marker` on its
 * command line and all its descendants (zygote, renderer, GPU and utility processes). On a
 * machine shared with other work, wall time stretches with the load; CPU time much less.
 */
function chromiumCpuMs(marker: string): number {
  const parents = new Map<number, number>();
  const cpu = new Map<number, number>();
  let root = -1;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      parents.set(pid, Number(fields[1]));
      cpu.set(pid, Number(fields[11]) + Number(fields[12]));
      if (root < 0 && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker)) root = pid;
    } catch {
      // the process ended while we looked
    }
  }
  if (root < 0) throw new Error(`no Chromium process with ${marker} on its command line`);
  let ticks = 0;
  for (const [pid, t] of cpu) {
    let p: number | undefined = pid;
    while (p !== undefined && p > 1 && p !== root) p = parents.get(p);
    if (p === root) ticks += t;
  }
  return (ticks / TICKS_PER_SECOND) * 1000;
}

/** Page code that dispatches wheel events on the timeline and collects each redraw's own draw time. */
const WHEEL_HELPERS = `
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
  const pan = (i) => step({ deltaY: i % 20 < 10 ? 150 : -150, shiftKey: true });`;

async function main(): Promise<void> {
  const generator = await bundle('test/unit/webview-synthetic.ts', '__synthetic');
  const marker = `--syscall-lens-timeline-bench=${process.pid}-${Date.now()}`;
  // Init scripts run wrapped in a function: publish the generator's global explicitly.
  const h = await openHarness({ width: 1600, height: 900, initScript: `${generator};window.__synthetic = __synthetic;`, extraArgs: [marker, '--js-flags=--expose-gc', '--enable-precise-memory-info'] });
  try {
    const page = h.page;
    const t0 = Date.now();
    await page.evaluate(`window.__batches = __synthetic.syntheticBatches({ events: ${EVENTS}, batchSize: ${BATCH}, processes: 6, threadsPerProcess: 4, seed: 7 })
      .map((b) => ({ type: 'events', ...b })); window.__batches.length`);
    console.error(`generated ${EVENTS} events in the page in ${Date.now() - t0} ms`);

    // Floor: clone and deliver the same messages to a listener that only reads them.
    let cpu = chromiumCpuMs(marker);
    const cloneOnlyMs = await page.evaluate(`(async () => {
      const batches = window.__batches;
      const channel = new MessageChannel();
      let received = 0;
      // Reading e.data makes Chromium deserialise the message, as the panel's listener does.
      const delivered = new Promise((resolve) => { channel.port2.onmessage = (e) => { if (e.data && ++received === batches.length) resolve(); }; });
      const c0 = performance.now();
      for (const b of batches) channel.port1.postMessage(b);
      await delivered;
      channel.port1.close();
      return performance.now() - c0;
    })()`) as number;
    const cloneOnlyCpuMs = chromiumCpuMs(marker) - cpu;

    cpu = chromiumCpuMs(marker);
    const load = await page.evaluate(`(async () => {
      const batches = window.__batches;
      const api = window.syscallLensTimeline;
      const t0 = performance.now();
      for (const b of batches) window.postMessage(b, '*');
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        const s = api.stats();
        if (s.drawnEvents === ${EVENTS} && s.overviewEvents === ${EVENTS}) break;
      }
      const loadMs = performance.now() - t0;
      window.__batches = null;
      // Collect the delivered messages first, so the heap figure is what the panel keeps.
      if (window.gc) window.gc();
      const heapMB = performance.memory ? performance.memory.usedJSHeapSize / 1048576 : null;
      return { loadMs, heapMB };
    })()`) as Omit<LoadResult, 'cloneOnlyMs'>;
    const loadCpuMs = chromiumCpuMs(marker) - cpu;
    console.error(`load ${load.loadMs.toFixed(0)} ms, ${loadCpuMs.toFixed(0)} ms CPU (clone-only floor ${cloneOnlyMs.toFixed(0)} ms)`);

    cpu = chromiumCpuMs(marker);
    const zoom = await page.evaluate(`(async () => {${WHEEL_HELPERS}
      const zoom = [];
      for (let i = 0; i < 50; i++) zoom.push(await step({ deltaY: -120 }));
      for (let i = 0; i < 50; i++) zoom.push(await step({ deltaY: 120 }));
      return zoom;
    })()`) as number[];
    const zoomCpuMs = chromiumCpuMs(marker) - cpu;
    // Pans at two zoom levels: about half the recording in view (≈500k events), then about 1/20.
    await page.evaluate(`(async () => {${WHEEL_HELPERS} for (let i = 0; i < 3; i++) await step({ deltaY: -120 }); })()`);
    cpu = chromiumCpuMs(marker);
    const panWide = await page.evaluate(`(async () => {${WHEEL_HELPERS} const out = []; for (let i = 0; i < 50; i++) out.push(await pan(i)); return out; })()`) as number[];
    let panCpuMs = chromiumCpuMs(marker) - cpu;
    await page.evaluate(`(async () => {${WHEEL_HELPERS} for (let i = 0; i < 10; i++) await step({ deltaY: -120 }); })()`);
    cpu = chromiumCpuMs(marker);
    const panNarrow = await page.evaluate(`(async () => {${WHEEL_HELPERS} const out = []; for (let i = 0; i < 50; i++) out.push(await pan(i)); return out; })()`) as number[];
    panCpuMs += chromiumCpuMs(marker) - cpu;
    const redraw: RedrawResult = { zoom, pan: [...panWide, ...panNarrow] };

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
      cloneOnlyMs: round(cloneOnlyMs),
      loadVsCloneRatio: round(load.loadMs / cloneOnlyMs),
      loadCpuMs: round(loadCpuMs),
      cloneOnlyCpuMs: round(cloneOnlyCpuMs),
      panMedianMs: round(percentile(redraw.pan, 50)),
      zoomMedianMs: round(percentile(redraw.zoom, 50)),
      p95Ms: round(percentile(all, 95)),
      maxMs: round(Math.max(...all)),
      redraws: all.length,
      panCpuPerRedrawMs: round(panCpuMs / redraw.pan.length),
      zoomCpuPerRedrawMs: round(zoomCpuMs / redraw.zoom.length),
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
