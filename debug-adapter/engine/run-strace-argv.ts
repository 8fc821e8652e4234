/**
 * The strace command line for a run. Fixed options make the output the parser and the
 * Recorder expect: `-f` (children and threads), `-ttt` (epoch timestamps), `-T` (durations),
 * `-yy` (fd paths and socket addresses), `-k` (stack traces, when strace supports them), `-s`
 * (string size). SIGURG is hidden because Go's runtime preempts goroutines with it hundreds of
 * times a second. A syscall filter uses `--seccomp-bpf` when the target's strace has it, so
 * the calls left out cost nothing. strace writes to a file of its own (`-o`), apart from the
 * program's stdout and stderr.
 */
import type { StraceCapabilities } from './preflight';

export interface StraceArgvOptions {
  traceFile: string;
  binary: string;
  args: string[];
  stringSize: number;
  filter: string[];
  straceArgs: string[];
  capabilities: StraceCapabilities;
}

export function straceArgv(o: StraceArgvOptions): string[] {
  const argv = ['strace', '-f', '-ttt', '-T', '-yy'];
  if (o.capabilities.stackTrace) argv.push('-k');
  argv.push('-s', String(o.stringSize));
  const filter = o.filter.map((f) => f.trim()).filter(Boolean);
  if (filter.length > 0) {
    argv.push('-e', `trace=${filter.join(',')}`);
    if (o.capabilities.seccompBpf) argv.push('--seccomp-bpf');
  }
  argv.push('-e', 'signal=!SIGURG');
  argv.push(...o.straceArgs);
  argv.push('-o', o.traceFile, '--', o.binary, ...o.args);
  return argv;
}
