/**
 * `strace -c`/`-C` summary tables: a header (`% time seconds usecs/call calls errors syscall`,
 * or the columns `-U` chose: `syscall calls errors longest`…), dashed separators, one row per
 * syscall and a `total` row, optionally introduced by `System call usage summary for … mode:`.
 * The table is gathered into one SummaryRecord so it is recognised as a summary, not as
 * garbage. Columns are found from the dashed separator, so a blank `errors` cell is read right.
 */
import type { SummaryRecord, SummaryRow } from './types';

/** Header words strace prints for each column, and the SummaryRow field each fills. */
const COLUMNS: Record<string, keyof SummaryRow> = {
  '% time': 'percentTime', seconds: 'seconds', 'usecs/call': 'usecsPerCall', calls: 'calls', errors: 'errors',
  syscall: 'syscall', shortest: 'shortest', longest: 'longest',
};

function headerWords(line: string): string[] {
  return line.replace('% time', '%time').split(' ').filter((w) => w.length > 0).map((w) => (w === '%time' ? '% time' : w));
}

/** True for a summary header line: only column names, including `syscall`. */
export function isSummaryHeader(line: string): boolean {
  if (line.length > 200) return false;
  const words = headerWords(line);
  return words.length >= 2 && words.includes('syscall') && words.every((w) => w in COLUMNS);
}

export function isSummaryStart(line: string): boolean {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  const c = line.charCodeAt(i);
  // '%' (`% time`), 's' (`syscall` first, -U) or 'S' (`System call usage summary`).
  if (c !== 37 && c !== 115 && c !== 83) return false;
  return line.startsWith('System call usage summary', i) || isSummaryHeader(line);
}

function isSeparator(line: string): boolean {
  if (!line.startsWith('---')) return false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 45 && c !== 32) return false;
  }
  return true;
}

interface Span { start: number; end: number }

function spansOf(separator: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < separator.length) {
    while (separator.charCodeAt(i) === 32) i++;
    const s = i;
    while (i < separator.length && separator.charCodeAt(i) === 45) i++;
    if (i > s) spans.push({ start: s, end: i });
  }
  return spans;
}

function emptyRow(): SummaryRow {
  return { percentTime: 0, seconds: 0, usecsPerCall: 0, calls: 0, errors: 0, syscall: '' };
}

/** Collects the lines of one table; `accept` says whether a line belongs to it. */
export class SummaryBuilder {
  readonly record: SummaryRecord;
  private header: string | undefined;
  private columns: (keyof SummaryRow)[] | undefined;
  private spans: Span[] = [];
  done = false;

  constructor(line: string, lineNo: number, pid: number | undefined) {
    this.record = { kind: 'summary', pid, time: undefined, raw: line, lines: [lineNo], rows: [] };
    if (isSummaryHeader(line)) this.header = line;
  }

  accept(line: string, lineNo: number): boolean {
    if (this.done) return false;
    let ok = false;
    if (this.header === undefined) {
      if (isSummaryHeader(line)) { this.header = line; ok = true; }
    } else if (isSeparator(line)) {
      if (this.columns === undefined) this.learnColumns(line);
      ok = true;
    } else if (this.columns !== undefined) {
      const row = this.row(line);
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

  private learnColumns(separator: string): void {
    const header = this.header!;
    this.spans = spansOf(separator);
    const names = this.spans.map((s, i) => header.slice(s.start, i === this.spans.length - 1 ? header.length : s.end).trim());
    if (names.length < 2 || names.some((n) => !(n in COLUMNS))) {
      // Header cells not under their dashes: fall back to the header's words in order.
      const words = headerWords(header);
      if (words.length !== this.spans.length) return;
      this.columns = words.map((w) => COLUMNS[w]!);
    } else {
      this.columns = names.map((n) => COLUMNS[n]!);
    }
    this.record.columns = this.columns.slice();
  }

  /** One row: tokens in column order; a blank cell (no errors) is found from the dashes. */
  private row(line: string): SummaryRow | undefined {
    const columns = this.columns!;
    const tokens = line.split(' ').filter((t) => t.length > 0);
    let filled = columns;
    if (tokens.length !== columns.length) {
      filled = columns.filter((_, i) => {
        const s = this.spans[i]!;
        return line.slice(s.start, i === columns.length - 1 ? line.length : s.end).trim().length > 0;
      });
      if (filled.length !== tokens.length) return undefined;
    }
    const row = emptyRow();
    for (let i = 0; i < filled.length; i++) {
      const field = filled[i]!;
      const token = tokens[i]!;
      if (field === 'syscall') {
        row.syscall = token;
        continue;
      }
      const v = Number(token);
      if (Number.isNaN(v)) return undefined;
      row[field] = v;
    }
    return row.syscall.length > 0 ? row : undefined;
  }
}
