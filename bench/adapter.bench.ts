/**
 * `npm run bench:adapter`: how fast the debug adapter answers on a big recording. A real C
 * program making ~120k syscalls is traced once by real strace (`-f -k -yy -ttt -T`); the real
 * adapter process (`node dist/debugAdapter.js`) replays that log via `attach`, and we time,
 * request to `stopped`, next / stepBack / continue-to-breakpoint, and request to response,
 * stackTrace — median and worst of each. Memory per 1000 events is the adapter's RSS growth
 * from a small recording of the same program (loaded first, so code and symbolizer are warm)
 * to the big one, replacing it through `restart`. Prints ONE JSON object last.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StraceClient } from '../test/adapter/support/client';
import { markerLine } from '../test/adapter/support/programs';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 60000);
const SAMPLES = 200;

const PROGRAM = `#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]);
  int fd = open("/dev/null", O_WRONLY); // #OPEN
  for (int i = 0; i < n; i++) {
    write(fd, "x", 1); // #WRITE
    if (i % 500 == 499) getppid(); // #RARE
    lseek(fd, 0, SEEK_SET); // #SEEK
  }
  close(fd); // #CLOSE
  return 0;
}
`;

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/** The adapter is our only child process running dist/debugAdapter.js. */
function adapterPid(): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (!readFileSync(`/proc/${name}/stat`, 'utf8').includes(`) `)) continue;
      const ppid = Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('debugAdapter.js')) return Number(name);
    } catch { /* gone */ }
  }
  throw new Error('adapter process not found');
}

/** Events in the recording, from the end of the last `syscallLens.events` batch received. */
function lengthOf(dc: StraceClient): number {
  const ends = dc.customEvents.filter((e) => e.event === 'syscallLens.events').map((e) => {
    const b = (e.body as { batch: { from: number; count: number } }).batch;
    return b.from + b.count;
  });
  return ends.length ? Math.max(...ends) : 0;
}

function stats(ms: number[]): { median: number; worst: number; n: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { median: +s[Math.floor(s.length / 2)].toFixed(3), worst: +s[s.length - 1].toFixed(3), n: s.length };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'syscall-lens-bench-adapter-'));
  const dc = new StraceClient({ adapterStderr: false });
  try {
    const source = path.join(dir, 'busy.c');
    writeFileSync(source, PROGRAM);
    const binary = path.join(dir, 'busy');
    execFileSync('gcc', ['-g', '-O0', '-fno-omit-frame-pointer', '-o', binary, source]);
    const trace = (n: number, log: string) => execFileSync('strace', ['-f', '-ttt', '-T', '-yy', '-k', '-s', '256', '-o', log, binary, String(n)], { stdio: 'ignore' });
    const small = path.join(dir, 'small.strace');
    trace(500, small);
    const log = path.join(dir, 'busy.strace');
    const traceStart = Date.now();
    trace(ITERATIONS, log);
    const traceSeconds = (Date.now() - traceStart) / 1000;

    // Memory baseline: the same adapter with a small recording of the same program loaded.
    await dc.start();
    const pid = adapterPid();
    await dc.startSession('attach', { type: 'strace', request: 'attach', trace: small, sourceRoots: [dir] });
    await dc.untilRunEnded(60000);
    await new Promise((r) => setTimeout(r, 1000));
    const smallLength = lengthOf(dc);
    const rssBefore = rssKb(pid);
    dc.customEvents.length = 0;
    const loadStart = process.hrtime.bigint();
    const bigAttach = { type: 'strace', request: 'attach', trace: log, sourceRoots: [dir] };
    await dc.send('restart', { arguments: bigAttach });
    const entry = await dc.nextStop(600000);
    const entryMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
    const tid = entry.body.threadId ?? 0;
    // Time only a fully loaded recording: moves past the loaded part would wait for the loader.
    await dc.untilRunEnded(600000);
    const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
    // The recording's length: where the last events batch ends (all are sent after an attach).
    await new Promise((r) => setTimeout(r, 1000));
    const batches = dc.customEvents.filter((e) => e.event === 'syscallLens.events');
    const length = lengthOf(dc);
    const rssAfter = rssKb(pid);

    const timeMove = async (command: 'next' | 'stepBack' | 'continue'): Promise<number> => {
      const t = process.hrtime.bigint();
      await dc.move(command, tid);
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    const next: number[] = [];
    const back: number[] = [];
    const cont: number[] = [];
    const stack: number[] = [];
    for (let i = 0; i < SAMPLES; i++) next.push(await timeMove('next'));
    for (let i = 0; i < SAMPLES; i++) back.push(await timeMove('stepBack'));
    await dc.setBreakpointsRequest({ source: { path: source }, breakpoints: [{ line: markerLine(source, '#RARE') }] });
    const breakpointEvery = 500 * 2;
    const contSamples = Math.min(SAMPLES, Math.floor(ITERATIONS / 500) - 2);
    for (let i = 0; i < contSamples; i++) cont.push(await timeMove('continue'));
    for (let i = 0; i < SAMPLES; i++) {
      const t = process.hrtime.bigint();
      await dc.stackTraceRequest({ threadId: tid });
      stack.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    // One continue over (nearly) the whole recording: from the first event to close() at the end.
    await dc.setBreakpointsRequest({ source: { path: source }, breakpoints: [{ line: markerLine(source, '#CLOSE') }] });
    await dc.gotoRequest({ threadId: tid, targetId: 0 });
    await dc.nextStop();
    const wholeStart = process.hrtime.bigint();
    await dc.move('continue', tid);
    const continueWholeRecordingMs = +(Number(process.hrtime.bigint() - wholeStart) / 1e6).toFixed(1);
    const result = {
      bench: 'adapter',
      events: length,
      traceSeconds,
      attachToEntryMs: +entryMs.toFixed(1),
      attachToFullyLoadedMs: +loadMs.toFixed(1),
      eventBatchesSent: batches.length,
      eventBatchBytesPer1000Events: Math.round((batches.reduce((n, e) => n + JSON.stringify(e.body).length, 0) / length) * 1000),
      next: stats(next),
      stepBack: stats(back),
      continueToBreakpoint: { ...stats(cont), eventsBetweenHits: breakpointEvery },
      stackTrace: stats(stack),
      continueWholeRecordingMs,
      targetMedianMs: 20,
      adapterRssBeforeKb: rssBefore,
      adapterRssAfterKb: rssAfter,
      baselineEvents: smallLength,
      memoryPer1000EventsKb: +(((rssAfter - rssBefore) / (length - smallLength)) * 1000).toFixed(1),
    };
    console.log(JSON.stringify(result));
  } finally {
    await dc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
