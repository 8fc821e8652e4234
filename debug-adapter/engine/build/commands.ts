/**
 * The compiler command for each kind of program, with the flags that keep the user's frames
 * visible to `strace -k`: debug info, no optimisation, frame pointers (Rust loses the user's
 * frames without `-C force-frame-pointers=yes`; Go needs `-gcflags=all=-N -l`). Outputs go to
 * the build folder, never next to the sources (Cargo's own target folder excepted).
 */
import { basename, extname, posix } from 'node:path';
import type { ProgramKind } from './detect';

export interface BuildCommand {
  argv: string[];
  cwd: string;
  env?: Record<string, string>;
  /** Where the binary will be, when the command decides it (Cargo reports it instead). */
  binary?: string;
  /** The tool whose absence preflight reports. */
  tool: string;
  diagnostics: 'gcc' | 'go' | 'rust';
}

const C_FLAGS = ['-g', '-O0', '-fno-omit-frame-pointer', '-Wall', '-pthread', '-fdiagnostics-color=never'];

/** Name of the binary: the source's stem, or the folder's name. */
export function binaryName(kind: ProgramKind): string {
  if (kind.mode === 'file' || kind.mode === 'binary') return basename(kind.path, extname(kind.path)) || 'program';
  return basename(kind.dir) || 'program';
}

export function buildCommandFor(kind: Exclude<ProgramKind, { mode: 'binary' }>, buildDir: string): BuildCommand {
  const out = posix.join(buildDir, binaryName(kind));
  switch (kind.language) {
    case 'c':
    case 'cpp': {
      const compiler = kind.language === 'c' ? 'gcc' : 'g++';
      const sources = kind.mode === 'file' ? [kind.path] : kind.mode === 'folder' ? kind.sources : [];
      return { argv: [compiler, ...C_FLAGS, '-o', out, ...sources], cwd: kind.dir, binary: out, tool: compiler, diagnostics: 'gcc' };
    }
    case 'go': {
      const what = kind.mode === 'file' ? kind.path : '.';
      return { argv: ['go', 'build', '-gcflags=all=-N -l', '-o', out, what], cwd: kind.dir, binary: out, tool: 'go', diagnostics: 'go' };
    }
    case 'rust':
      if (kind.mode === 'cargo') {
        return {
          argv: ['cargo', 'build', '--message-format=json-render-diagnostics', '--color', 'never'],
          cwd: kind.dir,
          env: { RUSTFLAGS: '-C force-frame-pointers=yes -g', CARGO_PROFILE_DEV_DEBUG: 'true', CARGO_TERM_COLOR: 'never' },
          tool: 'cargo',
          diagnostics: 'rust',
        };
      }
      return {
        argv: ['rustc', '--edition', '2021', '-g', '-C', 'force-frame-pointers=yes', '-C', 'opt-level=0', '--color', 'never', '-o', out, kind.mode === 'file' ? kind.path : ''],
        cwd: kind.dir,
        binary: out,
        tool: 'rustc',
        diagnostics: 'rust',
      };
  }
}

/** The executable Cargo built, from its JSON messages (the first bin target's). */
export function cargoExecutable(jsonLines: string): string | undefined {
  const executables: { name: string; path: string }[] = [];
  for (const line of jsonLines.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const message = JSON.parse(line) as { reason?: string; executable?: string | null; target?: { name?: string; kind?: string[] }};
      if (message.reason === 'compiler-artifact' && message.executable && message.target?.kind?.includes('bin')) {
        executables.push({ name: message.target.name ?? '', path: message.executable });
      }
    } catch {
      // not a JSON message
    }
  }
  return executables[0]?.path;
}
