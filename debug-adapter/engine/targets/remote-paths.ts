/**
 * Maps paths between a remote target and this machine, as a list of (remote prefix, local
 * prefix) pairs: `sourceMap` entries, a `remoteRoot`, `/vagrant`, or a sync work directory.
 * The longest matching prefix wins in both directions, and prefixes only match whole path
 * components (`/src` maps `/src/a.c`, never `/srcx/a.c`). Unmapped paths pass through.
 */
import { posix } from 'node:path';

interface Pair {
  remote: string;
  local: string;
}

/** `/a/b/` → `/a/b`; `/` stays `/`. */
function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix === '/' ? prefix : `${prefix}/`);
}

function swap(path: string, from: string, to: string): string {
  const rest = path.slice(from.length).replace(/^\//, '');
  return rest ? posix.join(to, rest) : to;
}

export class RemotePathMap {
  private pairs: Pair[] = [];

  constructor(sourceMap: Record<string, string> = {}) {
    for (const [remote, local] of Object.entries(sourceMap)) this.add(remote, local);
  }

  /** Adds (or replaces) a remote prefix ↔ local prefix pair. */
  add(remotePrefix: string, localPrefix: string): void {
    const remote = trimSlash(remotePrefix);
    const local = trimSlash(localPrefix);
    this.pairs = this.pairs.filter((p) => p.remote !== remote);
    this.pairs.push({ remote, local });
  }

  toLocal(remotePath: string): string {
    const best = this.longest(remotePath, (p) => p.remote);
    return best ? swap(remotePath, best.remote, best.local) : remotePath;
  }

  toRemote(localPath: string): string {
    const best = this.longest(localPath, (p) => p.local);
    return best ? swap(localPath, best.local, best.remote) : localPath;
  }

  entries(): Record<string, string> {
    return Object.fromEntries(this.pairs.map((p) => [p.remote, p.local]));
  }

  private longest(path: string, side: (p: Pair) => string): Pair | undefined {
    let best: Pair | undefined;
    for (const pair of this.pairs) {
      const prefix = side(pair);
      if (under(path, prefix) && (!best || prefix.length > side(best).length)) best = pair;
    }
    return best;
  }
}
