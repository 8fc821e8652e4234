/**
 * Finds source lines by marker comments (`// #OPEN`) in the test programs, so tests never
 * hard-code line numbers: `markerLine(file, 'OPEN')` is the 1-based line of the first
 * `#OPEN`, `markerLines(file)` all marked lines in file order.
 */
import { readFileSync } from 'node:fs';

export interface MarkedLine { line: number; marker: string }

export function markerLines(file: string): MarkedLine[] {
  const out: MarkedLine[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
    const m = /\/\/\s*#([A-Z_][A-Z0-9_]*)/.exec(text);
    if (m) out.push({ line: i + 1, marker: m[1] });
  });
  return out;
}

export function markerLine(file: string, marker: string): number {
  const found = markerLines(file).find((m) => m.marker === marker);
  if (!found) throw new Error(`no // #${marker} marker in ${file}`);
  return found.line;
}
