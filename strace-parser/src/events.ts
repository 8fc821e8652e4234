/**
 * The non-syscall lines strace prints about a process: signals (`--- SIGCHLD {…} ---`,
 * `--- stopped by SIGSTOP ---`), exits (`+++ exited with 7 +++`, `+++ killed by SIGKILL
 * (core dumped) +++`, `+++ superseded by execve in pid N +++`) and strace's own messages
 * (`strace: Process N attached`). Each helper fills a record and says whether the line fit.
 */
import type { ExitRecord, SignalRecord, StraceMessageRecord } from './types';

function digitsOnly(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `body` starts at `+++ `. */
export function parseExit(rec: ExitRecord, body: string): boolean {
  if (!body.endsWith(' +++') || body.length < 8) return false;
  const inner = body.slice(4, -4);
  if (inner.startsWith('exited with ')) {
    const code = inner.slice(12);
    if (!digitsOnly(code)) return false;
    rec.how = 'exited';
    rec.code = Number(code);
    return true;
  }
  if (inner.startsWith('killed by ')) {
    let sig = inner.slice(10);
    rec.how = 'killed';
    if (sig.endsWith(' (core dumped)')) {
      rec.coreDumped = true;
      sig = sig.slice(0, -14);
    } else {
      rec.coreDumped = false;
    }
    rec.signal = sig;
    return sig.length > 0;
  }
  if (inner.startsWith('superseded by execve in pid ')) {
    const pid = inner.slice(28);
    if (!digitsOnly(pid)) return false;
    rec.how = 'superseded';
    rec.byPid = Number(pid);
    return true;
  }
  return false;
}

/** `body` starts at `--- `. */
export function parseSignal(rec: SignalRecord, body: string): boolean {
  if (!body.endsWith(' ---') || body.length < 8) return false;
  const inner = body.slice(4, -4);
  if (inner.startsWith('stopped by ')) {
    rec.stopped = true;
    rec.signal = inner.slice(11);
    return rec.signal.length > 0;
  }
  const sp = inner.indexOf(' ');
  rec.signal = sp < 0 ? inner : inner.slice(0, sp);
  if (sp >= 0) {
    let info = inner.slice(sp + 1).trim();
    if (info.startsWith('{') && info.endsWith('}')) info = info.slice(1, -1);
    rec.infoText = info;
  }
  return rec.signal.length > 0;
}

/** `message` is the text after `strace: `. */
export function parseStraceMessage(rec: StraceMessageRecord, message: string): void {
  rec.message = message;
  if (message.startsWith('Process ')) {
    let i = 8;
    while (i < message.length && message.charCodeAt(i) >= 48 && message.charCodeAt(i) <= 57) i++;
    if (i > 8) {
      const rest = message.slice(i).trimStart();
      if (rest.startsWith('attached')) { rec.event = 'attached'; rec.aboutPid = Number(message.slice(8, i)); return; }
      if (rest.startsWith('detached')) { rec.event = 'detached'; rec.aboutPid = Number(message.slice(8, i)); return; }
    }
  }
  const lower = message.toLowerCase();
  rec.event = lower.includes('warning') || lower.startsWith('walk:') || lower.startsWith('exec:') || lower.includes('error') || lower.includes('failed') ? 'warning' : 'other';
}
