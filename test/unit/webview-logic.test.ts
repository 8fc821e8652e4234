/**
 * The timeline webview's pure logic, in Node: the store fed by columnar batches, the filter
 * language, time↔pixel mapping, lane layout, strace -c aggregation, level-of-detail merging,
 * formatting, and the page html.ts builds. The browser-side behaviour (rendering, clicks,
 * hostile strings) is tested in real Chromium by webview-browser.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventsBatchBody, ProcessSnapshot } from '../../debug-adapter/protocol';
import { EventStore } from '../../extension/webview/store';
import { EventView } from '../../extension/webview/event-view';
import { compileFilter, eventFds, FilterError, parseFilter } from '../../extension/webview/filter';
import { TimeScale, MIN_SPAN } from '../../extension/webview/time-scale';
import { layoutLanes } from '../../extension/webview/lane-layout';
import { summarize, sortSummary } from '../../extension/webview/summary';
import { laneMarkers, laneSpans, SpanBuffer } from '../../extension/webview/level-of-detail';
import { formatDuration, formatTick, niceTicks, formatResult } from '../../extension/webview/format';
import { timelineHtml, TIMELINE_ELEMENT_IDS } from '../../extension/webview/html';
import { syntheticBatches } from './webview-synthetic';

interface Ev { name: string; cls?: number; tid?: number; tgid?: number; start: number; dur?: number; ret?: number | null; errno?: string; raw?: string; type?: number; src?: string; line?: number }

/** A batch as the adapter sends it, from readable event objects. */
function batch(from: number, events: Ev[], processes?: ProcessSnapshot[], reset = false): EventsBatchBody {
  const strings: string[] = [];
  const id = (s: string): number => { let k = strings.indexOf(s); if (k < 0) { k = strings.length; strings.push(s); } return k; };
  return {
    reset,
    processes,
    batch: {
      from, count: events.length, strings,
      type: events.map((e) => e.type ?? 0), pid: events.map((e) => e.tid ?? 100), tgid: events.map((e) => e.tgid ?? 100),
      name: events.map((e) => id(e.name)), cls: events.map((e) => e.cls ?? 0), start: events.map((e) => e.start),
      duration: events.map((e) => e.dur ?? 0.00001), ret: events.map((e) => (e.ret === undefined ? 0 : e.ret)),
      errno: events.map((e) => (e.errno ? id(e.errno) : -1)), sourcePath: events.map((e) => (e.src ? id(e.src) : -1)),
      sourceLine: events.map((e) => e.line ?? 0), runtime: events.map(() => false),
      raw: events.map((e) => e.raw ?? `${e.name}() = ${e.ret ?? 0}`),
    },
  };
}

const SAMPLE: Ev[] = [
  { name: 'openat', start: 0.001, raw: 'openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3', ret: 3, src: 'main.c', line: 10 },
  { name: 'read', start: 0.002, raw: 'read(3, "root:x:0:0"..., 4096) = 1024', ret: 1024, src: 'main.c', line: 11 },
  { name: 'openat', start: 0.003, raw: 'openat(AT_FDCWD, "/nonexistent", O_RDONLY) = -1 ENOENT (No such file or directory)', ret: -1, errno: 'ENOENT' },
  { name: 'socket', cls: 1, tid: 101, start: 0.004, raw: 'socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 4', ret: 4 },
  { name: 'connect', cls: 1, tid: 101, start: 0.005, raw: 'connect(4, {sa_family=AF_INET, sin_port=htons(9)}, 16) = -1 ECONNREFUSED (Connection refused)', ret: -1, errno: 'ECONNREFUSED' },
  { name: 'close', start: 0.006, raw: 'close(3) = 0', ret: 0 },
  { name: 'dup2', start: 0.007, raw: 'dup2(4, 1) = 1', ret: 1 },
  { name: 'pipe2', cls: 5, start: 0.008, raw: 'pipe2([5, 6], O_CLOEXEC) = 0', ret: 0 },
  { name: 'mmap', cls: 3, start: 0.009, raw: 'mmap(NULL, 8192, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000001000', ret: 0x7f0000001000 },
  { name: 'write', start: 0.010, raw: 'write(1, "etc is not a path here\\n", 22) = 22', ret: 22 },
];

function sampleStore(): EventStore {
  const s = new EventStore();
  s.append(batch(0, SAMPLE.slice(0, 5)));
  s.append(batch(5, SAMPLE.slice(5)));
  return s;
}

function matches(store: EventStore, query: string): string[] {
  const view = new EventView(store, compileFilter(parseFilter(query), store));
  return Array.from({ length: view.count }, (_, k) => `${store.seq[view.row(k)]}:${store.strings[store.name[view.row(k)]]}`);
}

test('store: batches append in seq order, strings intern across batches, lanes per thread', () => {
  const s = sampleStore();
  assert.equal(s.count, 10);
  assert.equal(s.indexOfSeq(7), 7);
  assert.equal(s.indexOfSeq(42), -1);
  assert.equal(s.strings.filter((x) => x === 'openat').length, 1, 'a name shared by two batches is one string');
  assert.equal(s.lanes.get(100)?.events.length, 8);
  assert.equal(s.lanes.get(101)?.events.length, 2);
  assert.deepEqual(Array.from(s.lanes.get(100)!.marks.view()), [2], 'the failed openat is a marker; the ECONNREFUSED one is in lane 101');
  assert.ok(Math.abs(s.endTime - 0.01001) < 1e-12);
  s.append(batch(0, SAMPLE.slice(0, 2), undefined, true));
  assert.equal(s.count, 2, 'reset replaces everything');
  assert.equal(s.lanes.size, 1);
});

test('store: an out-of-order event is sorted into its lane before use; a malformed batch names its column', () => {
  const s = new EventStore();
  s.append(batch(0, [{ name: 'a', start: 0.5 }, { name: 'b', start: 0.1 }, { name: 'c', start: 0.3 }]));
  const view = new EventView(s, null);
  const lane = view.lane(100)!;
  assert.deepEqual(Array.from(lane.events.view()).map((i) => s.start[i]), [0.1, 0.3, 0.5]);
  assert.deepEqual(Array.from(lane.starts.data.subarray(0, 3)), [0.1, 0.3, 0.5]);
  const bad = batch(3, [{ name: 'x', start: 1 }]);
  bad.batch.raw = [];
  assert.throws(() => s.append(bad), /column "raw" has 0 entries, batch count is 1/);
});

test('filter: names, classes, errno, fd, path, pid, src, is:, negation and free text', () => {
  const s = sampleStore();
  assert.deepEqual(matches(s, 'openat'), ['0:openat', '2:openat']);
  assert.deepEqual(matches(s, 'name:read,write'), ['1:read', '9:write']);
  assert.deepEqual(matches(s, 'class:network'), ['3:socket', '4:connect']);
  assert.deepEqual(matches(s, 'errno:ENOENT'), ['2:openat']);
  assert.deepEqual(matches(s, 'errno:*'), ['2:openat', '4:connect']);
  assert.deepEqual(matches(s, 'is:failed -class:network'), ['2:openat']);
  assert.deepEqual(matches(s, 'fd:3'), ['0:openat', '1:read', '5:close'], 'opened as 3, read from 3, closed 3');
  assert.deepEqual(matches(s, 'fd:1'), ['6:dup2', '9:write'], 'dup2 target and write to 1');
  assert.deepEqual(matches(s, 'fd:6'), ['7:pipe2'], 'second end of a pipe');
  assert.deepEqual(matches(s, 'path:/etc'), ['0:openat'], 'a quoted argument, not "etc" in written data');
  assert.deepEqual(matches(s, 'pid:101'), ['3:socket', '4:connect']);
  assert.deepEqual(matches(s, 'src:main.c'), ['0:openat', '1:read']);
  assert.deepEqual(matches(s, 'ROOT'), ['1:read'], 'free text is case-insensitive');
  assert.deepEqual(matches(s, '"root:x"'), ['1:read'], 'a quoted word with a colon is text, not a key');
  assert.deepEqual(matches(s, 'path:"/etc/passwd" O_CLOEXEC'), ['0:openat']);
  assert.deepEqual(matches(s, ''), SAMPLE.map((e, k) => `${k}:${e.name}`));
});

test('filter: bad terms say what is accepted', () => {
  assert.throws(() => parseFilter('class:disk'), (e: unknown) => e instanceof FilterError && /use one of file, network, process, memory, signal, ipc, other/.test(e.message));
  assert.throws(() => parseFilter('fd:three'), /fd: takes a descriptor number/);
  assert.throws(() => parseFilter('colour:red'), /unknown filter "colour:"/);
  assert.throws(() => parseFilter('errno:'), /needs a value, e.g. errno:ENOENT/);
  assert.throws(() => parseFilter('is:slow'), /is: takes failed, signal or exit/);
});

test('filter: stays applied while batches arrive, including names first seen later', () => {
  const s = new EventStore();
  s.append(batch(0, [{ name: 'read', start: 0.1 }]));
  const view = new EventView(s, compileFilter(parseFilter('name:accept4'), s));
  assert.equal(view.count, 0);
  s.append(batch(1, [{ name: 'accept4', cls: 1, start: 0.2 }, { name: 'read', start: 0.3 }]));
  view.update();
  assert.equal(view.count, 1);
  assert.equal(s.strings[s.name[view.row(0)]], 'accept4');
  assert.equal(view.lane(100)?.events.length, 1);
  // A reset with more events than before (a new, longer run) is filtered from its start.
  s.append(batch(0, [{ name: 'accept4', start: 0.1 }, { name: 'read', start: 0.2 }, { name: 'read', start: 0.3 }, { name: 'accept4', start: 0.4 }], undefined, true));
  view.update();
  assert.deepEqual(Array.from({ length: view.count }, (_, k) => s.seq[view.row(k)]), [0, 3]);
});

test('eventFds: first argument, created descriptor, dup2 target, pipe pair, -y decorations', () => {
  assert.deepEqual(eventFds('read', 'read(3</etc/passwd>, "x", 1) = 1', 1), [3]);
  assert.deepEqual(eventFds('openat', 'openat(AT_FDCWD, "/x", O_RDONLY) = 7', 7), [7]);
  assert.deepEqual(eventFds('dup2', 'dup2(4, 1) = 1', 1), [4, 1, 1]);
  assert.deepEqual(eventFds('pipe2', 'pipe2([5, 6], 0) = 0', 0), [5, 6]);
  assert.deepEqual(eventFds('getpid', 'getpid() = 12', 12), []);
});

test('time scale: pixels and times map both ways; zoom keeps the anchor; clamping and reveal', () => {
  const sc = new TimeScale();
  sc.setWidth(1000);
  sc.start = 1;
  sc.end = 3;
  assert.equal(sc.toX(2), 500);
  assert.equal(sc.toTime(250), 1.5);
  sc.zoomAt(4, 2.5);
  assert.ok(Math.abs(sc.toX(2.5) - 750) < 1e-9, 'the anchor stays under the pointer');
  assert.ok(Math.abs(sc.span - 0.5) < 1e-12);
  sc.zoomAt(1e12, 2.5);
  assert.ok(Math.abs(sc.span - MIN_SPAN) < 1e-15, 'cannot zoom past 1 µs');
  sc.fit(0, 10);
  sc.zoomAt(0.001, 5, [0, 10]);
  assert.ok(sc.span <= 11 + 1e-9, 'cannot zoom out far past the recording');
  sc.fit(0, 10);
  sc.zoomAt(10, 5, [0, 10]);
  sc.pan(100, [0, 10]);
  assert.ok(Math.abs(sc.end - 10.5) < 1e-9, 'panning stops 5% past the end');
  assert.equal(sc.reveal(sc.start + sc.span / 2), false, 'a visible time does not move the view');
  assert.equal(sc.reveal(2, [0, 10]), true);
  assert.ok(Math.abs(sc.start + sc.span / 2 - 2) < 1e-9, 'a hidden time is centred');
});

test('lane layout: one lane per thread, grouped under its process, named from the snapshot', () => {
  const processes = new Map<number, ProcessSnapshot>([
    [10, { pid: 10, parent: null, program: '/home/me/server', threads: [10, 12, 11], exited: false }],
    [20, { pid: 20, parent: 10, program: '/bin/ls', threads: [20], exited: true }],
  ]);
  const rows = layoutLanes([[20, 20], [12, 10], [10, 10]], processes);
  assert.deepEqual(rows.map((r) => [r.tid, r.label.trim(), r.processHead]), [
    [20, 'ls [20] (exited)', true],
    [10, 'server [10]', true],
    [11, 'thread 11', false],
    [12, 'thread 12', false],
  ]);
  assert.deepEqual(layoutLanes([[7, 5]], new Map()).map((r) => [r.tid, r.label.trim()]), [[5, 'process [5]'], [7, 'thread 7']]);
});

test('summary: count, errors, total, mean and share per syscall, like strace -c, sortable', () => {
  const s = new EventStore();
  s.append(batch(0, [
    { name: 'read', start: 0, dur: 0.002 }, { name: 'read', start: 1, dur: 0.004 },
    { name: 'openat', start: 2, dur: 0.001, errno: 'ENOENT', ret: -1 }, { name: 'openat', start: 3, dur: 0.003 },
    { name: 'SIGCHLD', start: 4, type: 1, dur: 0 },
  ]));
  const rows = summarize(s, new EventView(s, null));
  assert.deepEqual(rows.map((r) => [r.name, r.calls, r.errors]), [['read', 2, 0], ['openat', 2, 1]], 'signals are not syscalls');
  assert.ok(Math.abs(rows[0].total - 0.006) < 1e-12);
  assert.ok(Math.abs(rows[0].mean - 0.003) < 1e-12);
  assert.ok(Math.abs(rows[0].percent - 60) < 1e-9);
  assert.deepEqual(sortSummary(rows, 'name', 'asc').map((r) => r.name), ['openat', 'read']);
  assert.deepEqual(sortSummary(rows, 'errors', 'desc').map((r) => r.name), ['openat', 'read']);
  const filtered = summarize(s, new EventView(s, compileFilter(parseFilter('errno:*'), s)));
  assert.deepEqual(filtered.map((r) => [r.name, r.calls]), [['openat', 1]]);
});

function lane(store: EventStore, tid: number): { idx: Int32Array; starts: Float64Array; len: number } {
  const l = store.lanes.get(tid)!;
  return { idx: l.events.data, starts: l.starts.data, len: l.events.length };
}

test('level of detail: zoomed in, one exact span per visible event; the call across the left edge is kept', () => {
  const s = new EventStore();
  s.append(batch(0, [{ name: 'a', start: 0, dur: 1 }, { name: 'b', start: 2, dur: 1 }, { name: 'c', start: 4, dur: 1 }, { name: 'd', start: 9, dur: 1 }]));
  const out = new SpanBuffer();
  const l = lane(s, 100);
  laneSpans(s, l.idx, l.starts, l.len, 0.5, 100, 500, out); // view [0.5, 5.5] at 100 px/s
  assert.equal(out.n, 3);
  assert.deepEqual(Array.from(out.event.subarray(0, 3)), [0, 1, 2]);
  assert.deepEqual(Array.from(out.x0.subarray(0, 3)), [-50, 150, 350]);
  assert.deepEqual(Array.from(out.x1.subarray(0, 3)), [50, 250, 450]);
  assert.deepEqual(Array.from(out.merged.subarray(0, 3)), [1, 1, 1]);
});

test('level of detail: a dense lane zoomed out costs at most one span per pixel and accounts for every event', () => {
  const s = new EventStore();
  const n = 100_000;
  const events: Ev[] = Array.from({ length: n }, (_, k) => ({ name: 'read', cls: k % 2 === 0 ? 0 : (k % 7 === 0 ? 1 : 0), start: k * 1e-5, dur: 2e-6 }));
  s.append(batch(0, events));
  const out = new SpanBuffer();
  const l = lane(s, 100);
  const width = 800;
  laneSpans(s, l.idx, l.starts, l.len, 0, width / 1, width, out); // 1 s over 800 px: 125 events per pixel
  assert.ok(out.n <= width, `spans ${out.n} <= ${width} pixels`);
  let total = 0;
  for (let k = 0; k < out.n; k++) total += out.merged[k];
  assert.equal(total, n, 'merged spans stand for every event in the view');
  for (let k = 1; k < out.n; k++) assert.ok(out.x0[k] >= out.x0[k - 1], 'spans come left to right');
  const marks = new SpanBuffer();
  const all = new Int32Array(Array.from({ length: n }, (_, k) => k));
  laneMarkers(s.start, all, n, 0, width, width, 5, marks);
  assert.ok(marks.n <= width / 5 + 1, `markers ${marks.n} at least 5 px apart`);
  for (let k = 1; k < marks.n; k++) assert.ok(marks.x0[k] - marks.x0[k - 1] >= 5 - 1e-9);
});

test('level of detail: a million synthetic events over many lanes, every visible event accounted for', () => {
  const s = new EventStore();
  for (const b of syntheticBatches({ events: 200_000, batchSize: 50_000, processes: 3, threadsPerProcess: 2 })) s.append(b);
  const out = new SpanBuffer();
  let accounted = 0;
  for (const tid of s.lanes.keys()) {
    const l = lane(s, tid);
    out.clear();
    laneSpans(s, l.idx, l.starts, l.len, 0, 1200 / s.endTime, 1200, out);
    for (let k = 0; k < out.n; k++) accounted += out.merged[k];
    assert.ok(out.n <= 1200);
  }
  assert.equal(accounted, s.count);
});

test('format: durations, result text, tick steps and labels', () => {
  assert.equal(formatDuration(0), '0');
  assert.equal(formatDuration(850e-9), '850 ns');
  assert.equal(formatDuration(7.8e-6), '7.80 µs');
  assert.equal(formatDuration(805.5e-6), '806 µs');
  assert.equal(formatDuration(0.0138), '13.8 ms');
  assert.equal(formatDuration(1.25), '1.250 s');
  assert.equal(formatResult(-1, 'ENOENT'), '= -1 ENOENT');
  assert.equal(formatResult(NaN, null), '');
  assert.equal(formatResult(0x7f0000001000, null), '= 0x7f0000001000');
  const t = niceTicks(0.0013, 0.01, 1000, 100);
  assert.equal(t.step, 0.001);
  assert.ok(Math.abs(t.first - 0.002) < 1e-12);
  assert.equal(formatTick(0.002, 0.001), '2 ms');
  assert.equal(formatTick(0.0025, 0.0005), '2.5 ms');
  assert.equal(formatTick(1.5, 0.5), '1.5 s');
  assert.equal(formatTick(0, 0.5), '0');
});

test('html: CSP allows only the nonce\'d script and the webview\'s own resources; every id is present', () => {
  const html = timelineHtml({ scriptUri: 'https://res/webview.js', styleUri: 'https://res/timeline.css', codiconUri: 'https://res/codicon.css', cspSource: 'https://res', nonce: 'abcdefghijklmnop1234' });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
  assert.equal(csp, "default-src 'none'; style-src https://res; font-src https://res; img-src https://res data:; script-src 'nonce-abcdefghijklmnop1234'");
  assert.equal(html.match(/<script/g)?.length, 1);
  assert.match(html, /<script nonce="abcdefghijklmnop1234" src="https:\/\/res\/webview.js"><\/script>/);
  for (const id of TIMELINE_ELEMENT_IDS) assert.match(html, new RegExp(`id="${id}"`), `#${id}`);
  assert.doesNotMatch(html, /style="/, 'no inline styles: the CSP would block them');
  assert.throws(() => timelineHtml({ scriptUri: 'a', styleUri: 'b', cspSource: 'c', nonce: 'short' }), /nonce must be at least 16/);
  const hostile = timelineHtml({ scriptUri: 'x"><script>alert(1)</script>', styleUri: 's', cspSource: 'c', nonce: 'abcdefghijklmnop1234' });
  assert.equal(hostile.match(/<script/g)?.length, 1, 'attribute values are escaped');
});
