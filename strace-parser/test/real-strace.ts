/**
 * Support for the real-strace tests: compiles the C workload into a fresh temp dir, runs
 * it under the machine's strace with given flags, and checks a trace against the parser's
 * invariants (zero unparsed lines, every line in exactly one record, every
 * `<unfinished ...>` call either resumed or reported cut off). Temp dirs are removed by
 * `cleanup()`, and every strace run has a timeout so a test can never hang.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'strace-parser';
import type { ParserOptions, StraceRecord } from 'strace-parser';
import { assertAccounted } from './helpers';

export interface Workspace {
  dir: string;
  workload: string;
  cleanup(): void;
}

export function makeWorkspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'strace-parser-test-'));
  const workload = join(dir, 'workload');
  const src = join(__dirname, 'programs', 'workload.c');
  const cc = spawnSync('gcc', ['-g', '-O0', '-pthread', '-o', workload, src], { encoding: 'utf8' });
  if (cc.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`gcc failed: ${cc.stderr}`);
  }
  return { dir, workload, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `strace FLAGS -- CMD…` and returns strace's stderr (the trace when there is no -o). */
export function runStrace(flags: string[], cmd: string[], cwd: string): { status: number | null; stderr: string } {
  const r = spawnSync('strace', [...flags, '--', ...cmd], { cwd, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.error) throw r.error;
  return { status: r.status, stderr: r.stderr };
}

/** Starts a process, attaches `strace -p` to it, detaches with SIGINT after `ms`, returns the trace. */
export async function attachAndDetach(cmd: string[], flags: string[], out: string, ms: number): Promise<void> {
  const target = spawn(cmd[0]!, cmd.slice(1), { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 100));
    const tracer = spawn('strace', [...flags, '-o', out, '-p', String(target.pid)], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, ms));
    tracer.kill('SIGINT');
    await new Promise((r) => tracer.once('exit', r));
  } finally {
    target.kill('SIGKILL');
  }
}

/** Parses a trace file and asserts the invariants; returns the records for further checks. */
export function checkTrace(file: string, options: ParserOptions = {}): StraceRecord[] {
  const text = readFileSync(file, 'utf8');
  return checkText(text, options, file);
}

export function checkText(text: string, options: ParserOptions = {}, label = 'trace'): StraceRecord[] {
  assert.ok(text.length > 0, `${label} is empty`);
  const records = parse(text, options);
  assertAccounted(text, records, options.firstLine ?? 1);
  const unparsed = records.filter((r) => r.kind === 'unparsed');
  assert.deepEqual(unparsed.map((r) => r.raw), [], `${label}: unparsed lines`);
  for (const r of records) {
    if (r.kind !== 'syscall') continue;
    const unfinished = r.raw.includes('<unfinished ...>');
    if (unfinished) assert.ok(r.resumed || r.cutOff, `${label}: unfinished call neither resumed nor cut off: ${r.raw}`);
    if (r.cutOff) assert.ok(unfinished || r.detached || r.resultText === undefined || r.resultText === '?', `${label}: cutOff without cause: ${r.raw}`);
  }
  return records;
}
