/**
 * The process list of this machine, read from /proc: the remote tests' target IS this
 * machine, so "nothing left running on the target" is checked here, by walking descendants
 * of a pid or finding processes whose command line holds a marker string.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProcessEntry {
  pid: number;
  ppid: number;
  comm: string;
  cmdline: string[];
}

export function processInfo(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid: Number(fields[1]), comm, cmdline };
  } catch {
    return undefined;
  }
}

export function allProcesses(): ProcessEntry[] {
  const out: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const info = processInfo(Number(name));
    if (info) out.push(info);
  }
  return out;
}

export function descendants(root: number): number[] {
  const all = allProcesses();
  const found = new Set<number>([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!found.has(p.pid) && found.has(p.ppid)) { found.add(p.pid); grew = true; }
    }
  }
  found.delete(root);
  return [...found];
}

/**
 * SIGKILLs every descendant of `root`. They are stopped first, rescanning until no new one
 * shows up, so none can start a child in between that would escape (e.g. the target
 * watchdog's next `sleep 1`).
 */
export function killDescendants(root: number): void {
  const seen = new Set<number>();
  for (;;) {
    const fresh = descendants(root).filter((pid) => !seen.has(pid));
    if (fresh.length === 0) break;
    for (const pid of fresh) {
      seen.add(pid);
      try { process.kill(pid, 'SIGSTOP'); } catch { /* already gone */ }
    }
  }
  for (const pid of seen) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

/** Processes whose command line contains `marker` (any argument), excluding this process. */
export function processesWith(marker: string): ProcessEntry[] {
  return allProcesses().filter((p) => p.pid !== process.pid && p.cmdline.some((a) => a.includes(marker)));
}

/** Polls until no process carries `marker` or `ms` pass; returns what is left. */
export async function waitUntilGone(marker: string, ms = 5000): Promise<ProcessEntry[]> {
  const deadline = Date.now() + ms;
  let left = processesWith(marker);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    left = processesWith(marker);
  }
  return left;
}

/** Polls `check` until it returns true or `ms` pass; returns its last answer. */
export async function waitFor(check: () => boolean, ms = 5000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/**
 * SSH ControlMaster processes of our targets whose socket lies under `tmpRoot`
 * (`ssh -f -N -o ControlMaster=yes -o ControlPath=TMPROOT/sl-ssh-…/cm`). Tests point TMPDIR at
 * a private folder (`privateTmpdir`) so other test processes' masters are not counted.
 */
export function sshMasters(tmpRoot: string): number[] {
  return allProcesses()
    .filter((p) => p.comm === 'ssh' && p.cmdline.includes('ControlMaster=yes') && p.cmdline.some((a) => a.startsWith(`ControlPath=${tmpRoot}/sl-ssh-`)))
    .map((p) => p.pid);
}

/** Points TMPDIR (and so the targets' control sockets) at a fresh folder; returns it and a restore. */
export function privateTmpdir(): { dir: string; restore(): void } {
  const saved = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'sl-tmp-'));
  process.env.TMPDIR = dir;
  return {
    dir,
    restore() {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
