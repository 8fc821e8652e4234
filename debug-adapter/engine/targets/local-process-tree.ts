/**
 * Finds and kills every process that belongs to a tree on this machine, by reading /proc.
 * A process belongs when it descends from the root by parent links, shares the root's session
 * or process group (the root is started with `setsid`), or is traced by a member (strace's
 * tracees: a program that `setsid`s and double-forks leaves the group and loses its parent,
 * but strace still traces it). Killing repeats until a scan finds nothing alive, because a
 * forking program can create children between a scan and the kill.
 */
import { promises as fs } from 'node:fs';

interface ProcEntry {
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  zombie: boolean;
  tracerPid: number;
}

async function readProc(pid: number): Promise<ProcEntry | undefined> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces or ')': split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
    const tracer = /^TracerPid:\s*(\d+)/m.exec(status);
    return {
      pid,
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      sid: Number(fields[3]),
      zombie: fields[0] === 'Z' || fields[0] === 'X',
      tracerPid: tracer ? Number(tracer[1]) : 0,
    };
  } catch {
    return undefined; // gone between readdir and read
  }
}

async function readProcTable(): Promise<ProcEntry[]> {
  const names = await fs.readdir('/proc');
  const pids = names.filter((n) => /^\d+$/.test(n)).map(Number).filter((p) => p !== process.pid);
  const entries = await Promise.all(pids.map(readProc));
  return entries.filter((e): e is ProcEntry => e !== undefined);
}

/** Live (non-zombie) pids of the tree rooted at `rootPid`, the root last. */
export async function processTreeOf(rootPid: number): Promise<number[]> {
  const table = await readProcTable();
  const members = new Set<number>();
  for (const e of table) {
    if (e.pid === rootPid || e.sid === rootPid || e.pgid === rootPid) members.add(e.pid);
  }
  // Parent links and tracer links, to a fixed point.
  let grew = true;
  while (grew) {
    grew = false;
    for (const e of table) {
      if (members.has(e.pid)) continue;
      if (members.has(e.ppid) || (e.tracerPid !== 0 && members.has(e.tracerPid))) {
        members.add(e.pid);
        grew = true;
      }
    }
  }
  const live = table.filter((e) => members.has(e.pid) && !e.zombie).map((e) => e.pid);
  return [...live.filter((p) => p !== rootPid), ...live.filter((p) => p === rootPid)];
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Signal the whole tree and resolve once nothing of it is alive. SIGTERM gives the tree two
 * seconds to exit, then SIGKILL follows; SIGKILL repeats until a scan comes back empty.
 */
export async function killProcessTree(rootPid: number, signal: 'SIGTERM' | 'SIGKILL' = 'SIGKILL'): Promise<void> {
  if (signal === 'SIGTERM') {
    signalAll(await processTreeOf(rootPid), 'SIGTERM');
    for (let waited = 0; waited < 2000; waited += 50) {
      if ((await processTreeOf(rootPid)).length === 0) return;
      await sleep(50);
    }
  }
  for (let round = 0; round < 400; round++) {
    const pids = await processTreeOf(rootPid);
    if (pids.length === 0) return;
    // Tracees first, the tracer (the root) last, so tracer links stay readable while we scan.
    signalAll(pids, 'SIGKILL');
    await sleep(round < 10 ? 10 : 50);
  }
  throw new Error(`Could not kill every process of tree ${rootPid}: ${(await processTreeOf(rootPid)).join(', ')} still alive.`);
}
