/**
 * Decides what kind of program a path is — a C/C++/Go/Rust source file, a Go module or
 * Cargo folder, a folder of C sources, or a ready binary — by asking the target (the program
 * is built where it runs). Only file names and a few probes are used, never the file's
 * contents beyond the first bytes of a would-be binary.
 */
import { extname, posix } from 'node:path';
import type { BuildResult, Target } from '../types';
import { EngineError } from '../types';

export type ProgramKind =
  | { language: 'c' | 'cpp' | 'go' | 'rust'; mode: 'file'; path: string; dir: string }
  | { language: 'go'; mode: 'module'; dir: string }
  | { language: 'rust'; mode: 'cargo'; dir: string }
  | { language: 'c' | 'cpp'; mode: 'folder'; dir: string; sources: string[] }
  | { language: 'binary'; mode: 'binary'; path: string; dir: string };

const SOURCE_EXTENSIONS: Record<string, Exclude<BuildResult['language'], 'binary' | 'custom'>> = {
  '.c': 'c',
  '.cpp': 'cpp',
  '.cc': 'cpp',
  '.cxx': 'cpp',
  '.go': 'go',
  '.rs': 'rust',
};

/** True when the target path is a directory (probed with `test -d`: Targets have no stat). */
export async function isDirectory(target: Target, path: string): Promise<boolean> {
  const result = await target.exec(['test', '-d', path]);
  return result.code === 0;
}

async function listFiles(target: Target, dir: string, pattern: string): Promise<string[]> {
  const result = await target.exec(['find', dir, '-maxdepth', '1', '-type', 'f', '-name', pattern]);
  return result.stdout.split('\n').filter(Boolean).sort();
}

/** `program` is a target path. */
export async function detectProgram(target: Target, program: string): Promise<ProgramKind> {
  if (!(await target.exists(program))) {
    throw new EngineError('program-missing', `The program ${program} does not exist on ${target.description}.`,
      'Check the "program" path (a source file, a Go/Cargo folder or a binary).');
  }
  if (await isDirectory(target, program)) {
    const dir = program;
    if (await target.exists(posix.join(dir, 'Cargo.toml'))) return { language: 'rust', mode: 'cargo', dir };
    if (await target.exists(posix.join(dir, 'go.mod')) || (await listFiles(target, dir, '*.go')).length > 0) {
      return { language: 'go', mode: 'module', dir };
    }
    const cFiles = await listFiles(target, dir, '*.c');
    if (cFiles.length > 0) return { language: 'c', mode: 'folder', dir, sources: cFiles };
    const cppFiles = [...await listFiles(target, dir, '*.cpp'), ...await listFiles(target, dir, '*.cc')];
    if (cppFiles.length > 0) return { language: 'cpp', mode: 'folder', dir, sources: cppFiles };
    throw new EngineError('unknown-program', `Syscall Lens does not know how to build the folder ${dir}: it holds no Cargo.toml, go.mod, .go, .c or .cpp files.`,
      'Point "program" at a source file or a binary, or set "build" to your build command.');
  }
  const dir = posix.dirname(program);
  const language = SOURCE_EXTENSIONS[extname(program).toLowerCase()];
  if (language) return { language, mode: 'file', path: program, dir };
  return { language: 'binary', mode: 'binary', path: program, dir };
}
