/**
 * Turns compiler output into `BuildDiagnostic`s for the editor's Problems view and a one-line
 * summary. Three shapes are understood: gcc/g++/clang (`file:line:col: error: message`), Go
 * (`./x.go:12:5: message`, always an error) and rustc/cargo's human form (`error[E0425]: message`
 * followed by ` --> file:line:col`). Relative paths are resolved against the build's folder.
 */
import { basename, posix } from 'node:path';
import type { BuildDiagnostic } from '../types';

type Severity = BuildDiagnostic['severity'];

const GCC_LINE = /^(.+?):(\d+):(?:(\d+):)? (fatal error|error|warning|note): (.*)$/;
const GO_LINE = /^(\S[^:]*\.go):(\d+):(?:(\d+):)? (.*)$/;
const RUST_HEADER = /^(error|warning)(?:\[(E\d+)\])?: (.*)$/;
const RUST_ARROW = /^\s*--> (.+?):(\d+):(\d+)\s*$/;

function severityOf(word: string): Severity {
  if (word === 'warning') return 'warning';
  if (word === 'note') return 'note';
  return 'error';
}

function resolve(file: string, cwd: string): string {
  return posix.isAbsolute(file) ? posix.normalize(file) : posix.join(cwd, file);
}

/** Every `file:line[:col]: severity: message` line (gcc, g++, clang, cc). */
export function parseGccDiagnostics(output: string, cwd: string): BuildDiagnostic[] {
  const out: BuildDiagnostic[] = [];
  for (const line of output.split('\n')) {
    const m = GCC_LINE.exec(line);
    if (!m) continue;
    out.push({ file: resolve(m[1], cwd), line: Number(m[2]), column: Number(m[3] ?? 1), severity: severityOf(m[4]), message: m[5] });
  }
  return out;
}

/** `./main.go:12:5: undefined: x` lines; `# pkg` headers and notes are skipped. */
export function parseGoDiagnostics(output: string, cwd: string): BuildDiagnostic[] {
  const out: BuildDiagnostic[] = [];
  for (const line of output.split('\n')) {
    const m = GO_LINE.exec(line);
    if (!m) continue;
    out.push({ file: resolve(m[1], cwd), line: Number(m[2]), column: Number(m[3] ?? 1), severity: 'error', message: m[4] });
  }
  return out;
}

/** rustc/cargo human output: a header line, then its primary ` --> file:line:col`. */
export function parseRustDiagnostics(output: string, cwd: string): BuildDiagnostic[] {
  const out: BuildDiagnostic[] = [];
  let pending: { severity: Severity; message: string } | undefined;
  for (const line of output.split('\n')) {
    const header = RUST_HEADER.exec(line);
    if (header) {
      const message = header[2] ? `${header[3]} [${header[2]}]` : header[3];
      pending = { severity: severityOf(header[1]), message };
      continue;
    }
    const arrow = RUST_ARROW.exec(line);
    if (arrow && pending) {
      out.push({ file: resolve(arrow[1], cwd), line: Number(arrow[2]), column: Number(arrow[3]), ...pending });
      pending = undefined; // later arrows belong to secondary spans of the same message
    }
  }
  return out;
}

/** `main.c:12:5: error: expected ';' (and 2 more errors)`, or the first output line. */
export function summarize(diagnostics: BuildDiagnostic[], output: string, exitCode: number | null): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  if (first) {
    const more = errors.length - 1;
    const tail = more > 0 ? ` (and ${more} more error${more === 1 ? '' : 's'})` : '';
    return `${basename(first.file)}:${first.line}:${first.column}: error: ${first.message}${tail}`;
  }
  const firstLine = output.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('#'));
  return firstLine ?? `the build command exited with code ${exitCode ?? 'unknown (killed)'}`;
}
