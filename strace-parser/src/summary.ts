/**
 * `strace -c` summary tables: a `% time …` header, dashed separators, one row per syscall and
 * a `total` row, optionally introduced by `System call usage summary for … mode:`. The table
 * is gathered into one SummaryRecord so it is recognised as a summary, not as garbage.
 */
import type { SummaryRecord, SummaryRow } from './types';

export function isSummaryStart(line: string): boolean {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  const c = line.charCodeAt(i);
  if (c !== 37 && c !== 83) return false; // '%' or 'S'
  const t = line.slice(i);
  return t.startsWith('% time') || t.startsWith('System call usage summary');
}

/** Parses ` 45.04    0.000281          35         8         2 mmap` (errors column optional). */
export function parseSummaryRow(line: string): SummaryRow | undefined {
  const tokens: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n && tokens.length < 8) {
    while (i < n && line.charCodeAt(i) === 32) i++;
    const s = i;
    while (i < n && line.charCodeAt(i) !== 32) i++;
    if (i > s) tokens.push(line.slice(s, i));
  }
  if (i < n || (tokens.length !== 5 && tokens.length !== 6)) return undefined;
  const nums = tokens.slice(0, -1).map(Number);
  if (nums.some((v) => Number.isNaN(v))) return undefined;
  return {
    percentTime: nums[0]!,
    seconds: nums[1]!,
    usecsPerCall: nums[2]!,
    calls: nums[3]!,
    errors: tokens.length === 6 ? nums[4]! : 0,
    syscall: tokens[tokens.length - 1]!,
  };
}

/** Collects the lines of one table; `accept` says whether a line belongs to it. */
export class SummaryBuilder {
  readonly record: SummaryRecord;
  private sawHeader = false;
  done = false;

  constructor(line: string, lineNo: number, pid: number | undefined) {
    this.record = { kind: 'summary', pid, time: undefined, raw: line, lines: [lineNo], rows: [] };
    this.sawHeader = line.trimStart().startsWith('% time');
  }

  accept(line: string, lineNo: number): boolean {
    if (this.done) return false;
    const t = line.trimStart();
    let ok = false;
    if (!this.sawHeader && t.startsWith('% time')) { this.sawHeader = true; ok = true; }
    else if (this.sawHeader && t.startsWith('---')) ok = true;
    else if (this.sawHeader) {
      const row = parseSummaryRow(line);
      if (row) {
        ok = true;
        if (row.syscall === 'total') { this.record.total = row; this.done = true; }
        else this.record.rows.push(row);
      }
    }
    if (!ok) return false;
    this.record.raw += `\n${line}`;
    this.record.lines.push(lineNo);
    return true;
  }
}
