/**
 * One-line descriptions of `-yy` annotations for the Variables view and the CLI
 * (`TCP 127.0.0.1:40000 → 127.0.0.1:8080`, `/etc/passwd`, `pipe:[123]`). The parser's
 * `parseFdAnnotation` decodes the text; this only words it. The text is shown as text only.
 */
import type { FdAnnotation } from 'strace-parser';

/** `TCP 127.0.0.1:40000 → 127.0.0.1:8080`, `/etc/passwd`, `pipe:[123]`… */
export function describeAnnotation(a: FdAnnotation): string {
  switch (a.kind) {
    case 'path': return a.deleted ? `${a.path} (deleted)` : a.path;
    case 'pipe': return `pipe:[${a.inode}]`;
    case 'anon': return `anon_inode:[${a.name}]`;
    case 'device': return `${a.path} (${a.device})`;
    case 'other': return a.text;
    case 'socket': {
      if (a.local !== undefined && a.remote !== undefined) return `${a.protocol} ${a.local} → ${a.remote}`;
      if (a.local !== undefined) return `${a.protocol} ${a.local}`;
      if (a.path !== undefined) return `${a.protocol} ${a.path}`;
      const inode = `socket:[${a.inode ?? '?'}]`;
      return a.protocol === 'unknown' ? inode : `${a.protocol} ${inode}`;
    }
  }
}
