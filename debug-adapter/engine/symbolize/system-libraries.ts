/**
 * Which modules are the system's libraries and loader (libc, ld.so, libpthread…): their DWARF,
 * if any, never holds the learner's code, so they are not symbolized, and a stack made only of
 * them belongs to the runtime. Decided by install folder, which holds on every distribution
 * the engine targets.
 */
const SYSTEM_PREFIXES = ['/lib/', '/lib32/', '/lib64/', '/usr/lib/', '/usr/lib32/', '/usr/lib64/', '/usr/libexec/', '/usr/local/lib/', '/snap/'];

export function isSystemLibrary(module: string): boolean {
  return SYSTEM_PREFIXES.some((prefix) => module.startsWith(prefix));
}
