/**
 * Checks made on the target before anything runs, each failing with an EngineError whose
 * message says what is wrong and whose `fix` says what to do: strace missing (with the install
 * command for the target's distribution), ptrace refused (Yama, containers without
 * SYS_PTRACE), toolchain missing. Problems that only degrade the result — strace without
 * stack traces, a binary without debug info — become warnings and capabilities, not errors.
 */
import type { RunHooks, Target } from './types';
import { EngineError } from './types';
import { readElfInfo, targetRangeReader } from './symbolize/elf';

export interface StraceCapabilities {
  /** `strace -k` works (built with libunwind or libdw). */
  stackTrace: boolean;
  /** `--seccomp-bpf` is accepted (makes filtered runs nearly free). */
  seccompBpf: boolean;
  version: string;
}

type PackageManager = 'apt' | 'dnf' | 'pacman' | 'apk' | 'zypper';

const INSTALL: Record<PackageManager, (pkg: string) => string> = {
  apt: (p) => `sudo apt-get install -y ${p}`,
  dnf: (p) => `sudo dnf install -y ${p}`,
  pacman: (p) => `sudo pacman -S --noconfirm ${p}`,
  apk: (p) => `sudo apk add ${p}`,
  zypper: (p) => `sudo zypper install -y ${p}`,
};

/** Package names where they differ from the tool's name, per package manager. */
const PACKAGES: Record<string, Partial<Record<PackageManager, string>> & { default: string }> = {
  strace: { default: 'strace' },
  gcc: { default: 'gcc', apt: 'gcc', apk: 'build-base' },
  'g++': { default: 'gcc-c++', apt: 'g++', pacman: 'gcc', apk: 'build-base' },
  go: { default: 'golang', apt: 'golang-go', pacman: 'go', apk: 'go', zypper: 'go' },
  rustc: { default: 'rust', apt: 'rustc', apk: 'rust' },
  cargo: { default: 'cargo', pacman: 'rust' },
  addr2line: { default: 'binutils' },
};

/** The distribution's package manager, from /etc/os-release `ID` and `ID_LIKE`. */
export async function packageManagerOf(target: Target): Promise<PackageManager | undefined> {
  let text: string;
  try {
    text = (await target.readFile('/etc/os-release')).toString('utf8');
  } catch {
    return undefined;
  }
  const field = (name: string) => new RegExp(`^${name}="?([^"\\n]*)"?`, 'm').exec(text)?.[1] ?? '';
  const ids = `${field('ID')} ${field('ID_LIKE')}`.toLowerCase().split(/\s+/);
  if (ids.some((id) => ['debian', 'ubuntu'].includes(id))) return 'apt';
  if (ids.some((id) => ['fedora', 'rhel', 'centos', 'rocky', 'almalinux'].includes(id))) return 'dnf';
  if (ids.some((id) => ['arch', 'manjaro'].includes(id))) return 'pacman';
  if (ids.includes('alpine')) return 'apk';
  if (ids.some((id) => id.startsWith('opensuse') || id === 'suse' || id === 'sles')) return 'zypper';
  return undefined;
}

/** `sudo apt-get install -y strace`, or a generic hint when the distribution is unknown. */
export async function installCommand(target: Target, tool: string): Promise<string> {
  const manager = await packageManagerOf(target);
  const names = PACKAGES[tool] ?? { default: tool };
  if (!manager) return `Install ${tool} with your distribution's package manager.`;
  return `Install it: ${INSTALL[manager](names[manager] ?? names.default)}`;
}

/** True when `tool` is on the target's PATH (the name is passed as an argument, never spliced into the script). */
export async function hasCommand(target: Target, tool: string): Promise<boolean> {
  const result = await target.exec(['sh', '-c', 'command -v "$1"', 'sh', tool]);
  return result.code === 0 && result.stdout.trim() !== '';
}

export async function checkToolchain(target: Target, tool: string, language: string): Promise<void> {
  if (await hasCommand(target, tool)) return;
  throw new EngineError('toolchain-missing', `Building ${language} needs ${tool}, which is not installed on ${target.description}.`,
    await installCommand(target, tool));
}

async function yamaScope(target: Target): Promise<number | undefined> {
  try {
    return Number((await target.readFile('/proc/sys/kernel/yama/ptrace_scope')).toString('utf8').trim());
  } catch {
    return undefined; // no Yama
  }
}

function ptraceRefused(scope: number | undefined, detail: string): EngineError {
  if (scope === 3) {
    return new EngineError('ptrace-refused', `ptrace is disabled on this machine (kernel.yama.ptrace_scope = 3), so strace cannot trace anything. ${detail}`.trim(),
      'ptrace_scope 3 cannot be lowered without a reboot: set kernel.yama.ptrace_scope=1 in /etc/sysctl.d/ and reboot.');
  }
  if (scope === 2) {
    return new EngineError('ptrace-refused', `ptrace is restricted to administrators (kernel.yama.ptrace_scope = 2). ${detail}`.trim(),
      'Run as a user with CAP_SYS_PTRACE, or lower it: sudo sysctl kernel.yama.ptrace_scope=1');
  }
  return new EngineError('ptrace-refused', `strace is not allowed to trace processes here (ptrace: Operation not permitted). ${detail}`.trim(),
    'In a container, start it with --cap-add=SYS_PTRACE (and a seccomp profile that allows ptrace); otherwise check kernel.yama.ptrace_scope.');
}

/**
 * strace is installed, can trace (a real `strace -o /dev/null sh -c :`), and what it supports.
 * Warnings (no `-k`) go to `hooks.warning`.
 */
export async function checkStrace(target: Target, hooks: RunHooks = {}): Promise<StraceCapabilities> {
  if (!(await hasCommand(target, 'strace'))) {
    throw new EngineError('strace-missing', `strace is not installed on ${target.description}; Syscall Lens needs it to record syscalls.`,
      await installCommand(target, 'strace'));
  }
  const versionResult = await target.exec(['strace', '-V']);
  const versionText = versionResult.stdout + versionResult.stderr;
  const version = /version\s+(\S+)/.exec(versionText)?.[1] ?? 'unknown';
  const stackTrace = /stack-trace/.test(versionText);
  if (!stackTrace) {
    hooks.warning?.(`strace ${version} on ${target.description} was built without stack-trace support (strace -V lacks "stack-trace"): syscalls cannot be mapped to source lines. Install a strace built with libunwind or libdw.`);
  }
  const scope = await yamaScope(target);
  if (scope === 3) throw ptraceRefused(scope, '');
  // One real trace answers both questions: is ptrace allowed, is --seccomp-bpf understood.
  // `sh -c :` rather than `true`: sh is known to be on PATH (hasCommand needs it), `true` may be only a builtin.
  let probe = await target.exec(['strace', '-f', '--seccomp-bpf', '-e', 'trace=execve', '-o', '/dev/null', '--', 'sh', '-c', ':'], { timeoutMs: 20_000 });
  const seccompBpf = probe.code === 0;
  if (!seccompBpf && /unrecognized option|invalid option|seccomp/i.test(probe.stderr) && !/not permitted/i.test(probe.stderr)) {
    probe = await target.exec(['strace', '-f', '-o', '/dev/null', '--', 'sh', '-c', ':'], { timeoutMs: 20_000 });
  }
  if (probe.code !== 0) {
    if (/Operation not permitted|EPERM/i.test(probe.stderr)) throw ptraceRefused(scope, probe.stderr.trim().split('\n')[0] ?? '');
    throw new EngineError('strace-failed', `strace does not work on ${target.description}: ${probe.stderr.trim() || `exit code ${probe.code}`}`,
      'Try `strace true` in a terminal on that machine to see why.');
  }
  return { stackTrace, seccompBpf, version };
}

/**
 * Warns (through `hooks.warning`) when the binary carries no DWARF: syscalls are then mapped
 * to function names only. Returns whether debug info was found; unreadable files count as none.
 */
export async function checkDebugInfo(target: Target, binary: string, hooks: RunHooks = {}): Promise<boolean> {
  const magic = await (target.readFileRange ? target.readFileRange(binary, 0, 4) : target.readFile(binary)).catch(() => Buffer.alloc(0));
  if (magic.subarray(0, 4).toString('latin1') !== '\x7fELF') return false; // a script: nothing to map, nothing to warn about
  let hasDebugInfo = false;
  try {
    hasDebugInfo = (await readElfInfo(targetRangeReader(target, binary))).hasDebugInfo;
  } catch {
    hasDebugInfo = false; // a damaged ELF file
  }
  if (!hasDebugInfo) {
    hooks.warning?.(`${binary} has no debug info (.debug_info): syscalls are mapped to function names only, not to source lines. Rebuild it with -g (or let Syscall Lens build it).`);
  }
  return hasDebugInfo;
}

/** Successful strace checks by target description, for this process's lifetime. */
const straceChecked = new Map<string, StraceCapabilities>();

/**
 * `checkStrace` once per target per process: a working strace stays working, and the probe
 * costs a tenth of a second on every run otherwise. Failures are never cached (the user may
 * have just installed strace); the no-stack-trace warning is repeated on every run.
 */
export async function checkStraceOnce(target: Target, hooks: RunHooks = {}): Promise<StraceCapabilities> {
  // This machine's answer depends on our PATH (which strace is found).
  const key = `${target.description}\0${target.spec.type === 'local' ? process.env.PATH ?? '' : ''}`;
  const known = straceChecked.get(key);
  if (known) {
    if (!known.stackTrace) await checkStrace(target, hooks); // repeats the warning
    return known;
  }
  const capabilities = await checkStrace(target, hooks);
  straceChecked.set(key, capabilities);
  return capabilities;
}
