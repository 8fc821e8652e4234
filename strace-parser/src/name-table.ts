/**
 * Interned syscall names: a trace names a few dozen syscalls a million times, so records
 * share one string per name. The caller hashes the name while scanning it (no extra pass);
 * a hit is confirmed by comparing the text, so a hash collision only costs a fresh slice.
 */
const MAX_NAMES = 4096;

export class NameTable {
  private readonly names = new Map<number, string>();

  /** The name at [from, to) of `text`, whose characters hash (h * 31 + c) to `hash`. */
  intern(text: string, from: number, to: number, hash: number): string {
    const known = this.names.get(hash);
    if (known !== undefined && known.length === to - from && text.startsWith(known, from)) return known;
    const name = text.slice(from, to);
    if (this.names.size < MAX_NAMES) this.names.set(hash, name);
    return name;
  }
}
