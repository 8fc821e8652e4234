/**
 * Decodes the text inside a `-y`/`-yy` fd annotation (`3<…>`) into fields: a path (maybe
 * `(deleted)`), a device node (`/dev/null<char 1:3>`), a socket (`TCP:[a:p->b:p]`,
 * `UDP:[a:p]`, `UNIX-STREAM:[ino->peer,"path"]`, `NETLINK:[ROUTE:ino]`, `socket:[ino]`),
 * a pipe (`pipe:[ino]`) or an anonymous inode (`anon_inode:[eventpoll]`). Unknown forms
 * come back as `other` with their text, never as an error.
 */
import type { FdAnnotation } from './types';
import { decodeStraceString } from './strings';

function allDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function decodePath(p: string): string {
  return p.includes('\\') ? decodeStraceString(p).text : p;
}

/** `text` is the annotation without its outer `<` `>` (a surrounding pair is tolerated). */
export function parseFdAnnotation(text: string): FdAnnotation {
  let t = text;
  if (t.charCodeAt(0) === 60 && t.charCodeAt(t.length - 1) === 62) t = t.slice(1, -1);
  if (t.startsWith('pipe:[') && t.endsWith(']')) {
    const inode = t.slice(6, -1);
    if (allDigits(inode)) return { kind: 'pipe', inode: Number(inode) };
  }
  if (t.startsWith('anon_inode:')) {
    let name = t.slice(11);
    if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
    return { kind: 'anon', name };
  }
  if (t.charCodeAt(0) === 47) {
    // `/dev/null<char 1:3>`: the inner annotation names the device.
    if (t.endsWith('>')) {
      const lt = t.lastIndexOf('<');
      if (lt > 0) return { kind: 'device', path: decodePath(t.slice(0, lt)), device: t.slice(lt + 1, -1) };
    }
    if (t.endsWith(' (deleted)')) return { kind: 'path', path: decodePath(t.slice(0, -10)), deleted: true };
    return { kind: 'path', path: decodePath(t) };
  }
  const colon = t.indexOf(':[');
  if (colon > 0 && t.endsWith(']')) {
    const protocol = t.slice(0, colon);
    const body = t.slice(colon + 2, -1);
    return protocol === 'socket' ? socketOf('unknown', body) : socketOf(protocol, body);
  }
  return { kind: 'other', text: t };
}

function socketOf(protocol: string, body: string): FdAnnotation {
  const s: { kind: 'socket'; protocol: string; inode?: number; local?: string; remote?: string; path?: string } = { kind: 'socket', protocol };
  let rest = body;
  const q = rest.indexOf(',"');
  if (q >= 0) {
    s.path = decodeStraceString(rest.slice(q + 1)).text;
    rest = rest.slice(0, q);
  }
  if (allDigits(rest)) {
    s.inode = Number(rest);
    return s;
  }
  // NETLINK:[ROUTE:1234] → family in `local`, inode at the end.
  const arrow = rest.indexOf('->');
  if (arrow >= 0) {
    s.local = rest.slice(0, arrow);
    s.remote = rest.slice(arrow + 2);
    if (allDigits(s.local)) s.inode = Number(s.local);
  } else if (rest.length > 0) {
    s.local = rest;
    const c = rest.lastIndexOf(':');
    if (c >= 0 && protocol === 'NETLINK' && allDigits(rest.slice(c + 1))) s.inode = Number(rest.slice(c + 1));
  }
  return s;
}
