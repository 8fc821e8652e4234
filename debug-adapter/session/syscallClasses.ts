/**
 * strace's syscall classes (`%file`, `%network`…) and names for function breakpoints. The
 * tables belong to the parser (`straceClassesOf`, `straceClassNames`, `knownSyscallNames`);
 * this file caches answers per syscall name, because a continue asks about every event.
 */
import { knownSyscallNames, straceClassesOf, straceClassNames } from 'strace-parser';

const cache = new Map<string, ReadonlySet<string>>();

export function knownClasses(): string[] {
  return straceClassNames();
}

export function isKnownClass(spec: string): boolean {
  return straceClassNames().includes(spec);
}

export function isKnownSyscall(name: string): boolean {
  return knownSyscallNames().has(name);
}

/** The classes of a syscall name, with their `%`, plus `%net` as the alias of `%network`. */
export function classesOfSyscall(name: string): ReadonlySet<string> {
  let set = cache.get(name);
  if (!set) {
    const classes = new Set<string>();
    for (const c of straceClassesOf(name)) classes.add(c.startsWith('%') ? c : `%${c}`);
    if (classes.has('%network')) classes.add('%net');
    set = classes;
    cache.set(name, set);
  }
  return set;
}
