/**
 * Per-test set-up for the adapter suites: a fresh workspace with one C program, a started
 * StraceClient, and a teardown that disconnects, checks that nothing started from the workspace
 * is still running (by scanning /proc), kills whatever is (so a failure leaks nothing), and
 * removes the workspace.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { StraceClient } from './client';
import { makeWorkspace, markerLine, type Workspace } from './programs';

export interface Fixture {
  ws: Workspace;
  dc: StraceClient;
  /** Absolute path of the program's source. */
  source: string;
  /** Line of `// #MARKER` in the source. */
  line(marker: string): number;
  /** Launch attributes for the program, with runs kept inside the workspace. */
  launchArgs(extra?: Record<string, unknown>): Record<string, unknown>;
  teardown(): Promise<void>;
}

/** Pids whose command line mentions `needle` (a workspace path) or that run in it: what a test must not leave behind. */
export function processesMentioning(needle: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      let cwd = '';
      try { cwd = readlinkSync(`/proc/${name}/cwd`); } catch { /* not ours to read */ }
      if ((cmd.includes(needle) || cwd.startsWith(needle)) && !/\) Z /.test(stat)) out.push(Number(name));
    } catch { /* exited meanwhile */ }
  }
  return out;
}

export async function waitForNoProcesses(needle: string, timeoutMs = 10000): Promise<number[]> {
  const until = Date.now() + timeoutMs;
  let left = processesMentioning(needle);
  while (left.length && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    left = processesMentioning(needle);
  }
  return left;
}

/**
 * Environment for the adapter: the engine's build cache inside the workspace (removed with it),
 * Go's own build cache kept where it is so the runtime is not rebuilt for every test.
 */
export function adapterEnv(ws: Workspace): Record<string, string> {
  const goCache = process.env.GOCACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'go-build');
  return { XDG_CACHE_HOME: path.join(ws.dir, 'cache'), GOCACHE: goCache };
}

export async function setUp(fileName: string, text: string): Promise<Fixture> {
  const ws = makeWorkspace();
  const source = ws.write(fileName, text);
  const dc = new StraceClient({ env: adapterEnv(ws) });
  try {
    await dc.start();
  } catch (error) {
    ws.cleanup();
    throw error;
  }
  return {
    ws,
    dc,
    source,
    line: (marker) => markerLine(source, marker),
    launchArgs: (extra = {}) => ({ type: 'strace', request: 'launch', program: source, cwd: ws.dir, runsDir: path.join(ws.dir, 'runs'), ...extra }),
    async teardown() {
      let left: number[] = [];
      try {
        await dc.stop();
        left = await waitForNoProcesses(ws.dir);
      } finally {
        // Reported below, but never left behind: a failing teardown must not leak them.
        for (const pid of processesMentioning(ws.dir)) {
          try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
        }
        ws.cleanup();
      }
      assert.deepEqual(left, [], `processes left running: ${left.join(', ')}`);
    },
  };
}
