/**
 * Runs a started TargetProcess to completion and collects its output as an ExecResult: the one
 * way every target implements `exec`. Output past 64 MiB is dropped (a runaway command must not
 * take the editor's memory with it), and a timeout kills the process's whole tree.
 */
import type { ExecResult, TargetProcess } from '../types';

const EXEC_OUTPUT_LIMIT = 64 * 1024 * 1024;

export function collectOutput(proc: TargetProcess, options: { input?: string; timeoutMs?: number }): Promise<ExecResult> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let size = 0;
  const collect = (into: Buffer[]) => (chunk: Buffer) => {
    size += chunk.length;
    if (size <= EXEC_OUTPUT_LIMIT) into.push(chunk);
  };
  proc.stdout.on('data', collect(stdout));
  proc.stderr.on('data', collect(stderr));
  proc.stdin.end(options.input ?? '');
  let timer: NodeJS.Timeout | undefined;
  if (options.timeoutMs !== undefined) timer = setTimeout(() => { void proc.killTree('SIGKILL'); }, options.timeoutMs);
  return proc.exited.then(({ code }) => ({
    code,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
  })).finally(() => clearTimeout(timer));
}
