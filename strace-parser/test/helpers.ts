/**
 * Shared checks for the parser tests: the accounting invariant (every input line appears in
 * exactly one record's `lines`, and together they cover 1..N), narrowing helpers, and a
 * one-line `parse` that returns only syscalls.
 */
import assert from 'node:assert/strict';
import { parse } from 'strace-parser';
import type { StraceRecord, SyscallRecord } from 'strace-parser';

export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

/** Asserts that the records account for every line of `text` exactly once. */
export function assertAccounted(text: string, records: StraceRecord[], firstLine = 1): void {
  const n = countLines(text);
  const seen = new Uint8Array(n);
  for (const r of records) {
    for (const l of r.lines) {
      const i = l - firstLine;
      assert.ok(i >= 0 && i < n, `line ${l} out of range 1..${n}`);
      assert.equal(seen[i], 0, `line ${l} appears in two records`);
      seen[i] = 1;
    }
  }
  const missing = seen.indexOf(0);
  assert.equal(missing, -1, `line ${missing + firstLine} is in no record`);
}

export function syscalls(records: StraceRecord[]): SyscallRecord[] {
  return records.filter((r): r is SyscallRecord => r.kind === 'syscall');
}

/** Parses one syscall line (or several lines making one call) and returns that call. */
export function one(text: string): SyscallRecord {
  const recs = parse(text);
  assertAccounted(text, recs);
  const s = syscalls(recs);
  assert.equal(s.length, 1, `expected one syscall in ${JSON.stringify(recs)}`);
  return s[0]!;
}
