/**
 * Reads source files once and hands out single lines, for the timeline's `file:line  text`.
 * Files that cannot be read (moved, remote-only) simply give no text.
 */
import { readFileSync } from 'node:fs';

export class SourceLines {
  private readonly files = new Map<string, string[] | undefined>();

  line(path: string, line: number): string | undefined {
    if (!this.files.has(path)) {
      let lines: string[] | undefined;
      try {
        lines = readFileSync(path, 'utf8').split('\n');
      } catch {
        lines = undefined;
      }
      this.files.set(path, lines);
    }
    return this.files.get(path)?.[line - 1];
  }
}
