/**
 * Finds and ends a process tree by reading /proc, for stopping code-server with everything it
 * started. Killing code-server's process group is not enough: the extension host, the debug
 * adapter's strace and the traced programs may start their own sessions (setsid), so we also
 * follow parent links. Used by scripts/code-server.ts (npm start, e2e tests) and by the e2e
 * tests' "nothing left running" checks.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface ProcEntry { pid: number; ppid: number; pgid: number; sid: number }

function readProc(): ProcEntry[] {
  const out: ProcEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may contain spaces and parentheses).
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(rest[1]), pgid: Number(rest[2]), sid: Number(rest[3]) });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** `root` and every process descending from it or sharing its process group or session. */
export function processTree(root: number): number[] {
  const procs = readProc();
  const found = new Set<number>();
  for (const p of procs) if (p.pid === root || p.pgid === root || p.sid === root) found.add(p.pid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  return [...found];
}

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // Already gone.
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

/** SIGTERM the tree, wait up to `graceMs`, then SIGKILL whatever is left (collected again). */
export async function killTree(root: number, graceMs = 5000): Promise<void> {
  const first = processTree(root);
  signal(first, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && first.some(alive)) await new Promise((r) => setTimeout(r, 100));
  const rest = [...new Set([...first.filter(alive), ...processTree(root)])];
  signal(rest, 'SIGKILL');
  const hardDeadline = Date.now() + 3000;
  while (Date.now() < hardDeadline && rest.some(alive)) await new Promise((r) => setTimeout(r, 50));
}

/** Pids whose command line mentions `needle` (e.g. a temp profile path), for leak checks. */
export function processesMentioning(needle: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(needle) && alive(Number(name))) out.push(Number(name));
    } catch {
      // Gone.
    }
  }
  return out;
}
