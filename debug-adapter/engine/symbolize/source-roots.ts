/**
 * Whether a local source path belongs to the user's code: it lies under one of the run's
 * source roots. Paths are compared after normalisation, on whole path components, so
 * `/work/app2/x.c` is not under `/work/app`.
 */
import { resolve, sep } from 'node:path';

export function isUnderRoots(file: string, roots: readonly string[]): boolean {
  const path = resolve(file);
  return roots.some((root) => {
    const r = resolve(root);
    return path === r || path.startsWith(r.endsWith(sep) ? r : r + sep);
  });
}
