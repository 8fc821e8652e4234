/**
 * `npm run bench:pipeline`: the whole pipeline (preflight, strace, tail, parser, Recorder with
 * symbolization, run folder) against plain `strace -f -k -o FILE` of the same prebuilt binary,
 * alternating in one run, several repetitions; the build is done once beforehand and not
 * timed; a third series runs strace with the pipeline's exact flags, to separate what the
 * flags (-yy, -T…) cost from what the engine costs. Then, each in a fresh Node process so no
 * cache is warm: symbolization cost per 1000 unique frames (addr2line time per 1000 addresses,
 * and Recorder time per 1000 unique frames) and model memory per 1000 events, on the
 * workload's trace and a Go program's.
 * Prints its figures as ONE JSON object on the last line.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StraceParser, type StraceRecord } from 'strace-parser';
import { startRun } from '../debug-adapter/engine';
import { Recorder } from '../debug-adapter/engine/recorder';
import { LocalTarget } from '../debug-adapter/engine/targets/local';

const FIXTURES = resolve(__dirname, '../test/fixtures/programs');
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2000);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/** Child mode: symbolize and model one saved trace cold, print one JSON line. */
async function measureTrace(tracePath: string, sourceRoot: string): Promise<void> {
  const text = readFileSync(tracePath);
  const parseStart = performance.now();
  const firstParser = new StraceParser();
  let all: StraceRecord[] = [...firstParser.push(text), ...firstParser.end()];
  const parseMs = performance.now() - parseStart;
  const frames = new Set<string>();
  for (const r of all) if (r.kind === 'syscall' || r.kind === 'signal') for (const f of r.stack) frames.add(`${f.module}\0${f.address}`);
  all = [];
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const target = new LocalTarget();
  const recorder = new Recorder({ target, sourceRoots: [sourceRoot] });
  const start = performance.now();
  const parser = new StraceParser();
  recorder.push(parser.push(text));
  recorder.push(parser.end());
  await recorder.finish();
  const totalMs = performance.now() - start;
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const events = recorder.model.length;
  const stats = recorder.symbolizerStats;
  await recorder.dispose();
  await target.dispose();
  console.log(JSON.stringify({
    events, uniqueFrames: frames.size, parseMs, totalMs, addr2lineMs: stats.addr2lineMs, addresses: stats.addressesResolved,
    heapBytes: heapAfter - heapBefore, gc: typeof global.gc === 'function',
  }));
}

interface TraceFigures {
  events: number; uniqueFrames: number; parseMs: number; totalMs: number; addr2lineMs: number; addresses: number; heapBytes: number; gc: boolean;
}

function measureInChild(trace: string, sourceRoot: string): TraceFigures {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, '--measure', trace, sourceRoot], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as TraceFigures;
}

async function pipelineOnce(binary: string, runsDir: string): Promise<{ seconds: number; cpuSeconds: number; events: number; runDir: string }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const handle = await startRun({ program: binary, build: false, args: [String(ROUNDS)], runsDir });
  const end = await handle.done;
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  if (end.exitCode !== 0) throw new Error(`pipeline run failed: ${JSON.stringify(end)}`);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, events: handle.model.length, runDir: handle.runDir };
}

/** The flags the pipeline's strace adds to `-f -k` (timestamps, durations, fd paths, strings). */
const PIPELINE_FLAGS = ['-ttt', '-T', '-yy', '-s', '256', '-e', 'signal=!SIGURG'];

function plainOnce(binary: string, dir: string, extra: string[] = []): number {
  const start = performance.now();
  const result = spawnSync('strace', ['-f', '-k', ...extra, '-o', join(dir, 'plain.strace'), '--', binary, String(ROUNDS)], { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`plain strace failed with ${result.status}`);
  return (performance.now() - start) / 1000;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'syscall-lens-bench-pipeline-'));
  try {
    const binary = join(work, 'workload');
    execFileSync('gcc', ['-g', '-O0', '-fno-omit-frame-pointer', '-o', binary, join(FIXTURES, 'bench/workload.c')]);
    const runsDir = join(work, 'runs');
    const pipeline: number[] = [];
    const plain: number[] = [];
    const sameFlags: number[] = [];
    const engineCpu: number[] = [];
    let events = 0;
    let lastRun = '';
    await pipelineOnce(binary, runsDir); // warm-up: page cache, first addr2line start
    for (let i = 0; i < REPETITIONS; i++) {
      // Alternate which goes first so drift in machine load hits both alike.
      if (i % 2 === 0) plain.push(plainOnce(binary, work));
      const run = await pipelineOnce(binary, runsDir);
      pipeline.push(run.seconds);
      engineCpu.push(run.cpuSeconds);
      events = run.events;
      lastRun = run.runDir;
      if (i % 2 === 1) plain.push(plainOnce(binary, work));
      sameFlags.push(plainOnce(binary, work, PIPELINE_FLAGS));
      console.log(`rep ${i + 1}: pipeline ${run.seconds.toFixed(3)} s, plain strace -f -k ${plain[plain.length - 1].toFixed(3)} s, strace with the pipeline's flags ${sameFlags[sameFlags.length - 1].toFixed(3)} s`);
    }
    const workload = measureInChild(join(lastRun, 'trace.strace'), work);
    // A Go program: many unique runtime frames, the symbolizer's hard case.
    const goRun = await startRun({ program: join(FIXTURES, 'go/files.go'), args: [join(work, 'go-out')], runsDir });
    await goRun.done;
    const go = measureInChild(join(goRun.runDir, 'trace.strace'), resolve(FIXTURES, 'go'));
    const perThousandFrames = (f: TraceFigures) => round(((f.totalMs - f.parseMs) / Math.max(1, f.uniqueFrames)) * 1000, 1);
    const figures = {
      bench: 'pipeline',
      repetitions: REPETITIONS,
      workloadSyscallsPerRun: events,
      pipelineSecondsMedian: round(median(pipeline)),
      plainStraceSecondsMedian: round(median(plain)),
      ratio: round(median(pipeline) / median(plain)),
      ratioTarget: 1.15,
      // The same strace flags without the rest of the pipeline: what the flags cost vs what the engine costs.
      sameFlagsStraceSecondsMedian: round(median(sameFlags)),
      ratioVsSameFlags: round(median(pipeline) / median(sameFlags)),
      // CPU the engine's own Node process used per run (parser, Recorder, model, following the file):
      // on an idle machine it runs beside strace; on a loaded 2-core one it competes with it.
      engineCpuSecondsMedian: round(median(engineCpu)),
      pipelineSeconds: pipeline.map((x) => round(x)),
      plainStraceSeconds: plain.map((x) => round(x)),
      // Recorder wall time (symbolization + attribution + model) over unique frames, cold, in a fresh process.
      recorderMsPer1000UniqueFrames: { workload: perThousandFrames(workload), go: perThousandFrames(go) },
      addr2lineMsPer1000Addresses: { workload: round((workload.addr2lineMs / Math.max(1, workload.addresses)) * 1000, 1), go: round((go.addr2lineMs / Math.max(1, go.addresses)) * 1000, 1) },
      uniqueFrames: { workload: workload.uniqueFrames, go: go.uniqueFrames },
      modelBytesPer1000Events: { workload: Math.round((workload.heapBytes / Math.max(1, workload.events)) * 1000), go: Math.round((go.heapBytes / Math.max(1, go.events)) * 1000) },
      modelEvents: { workload: workload.events, go: go.events },
      loadAverage1m: round(Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]), 2),
    };
    console.log(JSON.stringify(figures));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--measure') {
  void measureTrace(process.argv[3], process.argv[4]).then(() => process.exit(0));
} else {
  main().then(() => process.exit(0), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
