/**
 * Turns `strace -k` frames into `ResolvedFrame`s. For each binary that may hold the user's
 * code (not a system library, and with DWARF) it reads the ELF headers once, translates file
 * offsets to virtual addresses, adjusts return addresses to the call site, and asks one
 * long-lived addr2line per binary, in batches. Answers are cached by binary identity (build id,
 * else path + section-header offset) and address, across runs in this process. Frames that
 * strace already resolved (`-kk`) and frames of libraries keep what strace printed.
 */
import { posix } from 'node:path';
import type { StackFrame } from 'strace-parser';
import type { ResolvedFrame, Target } from '../types';
import { Addr2lineProcess, type Addr2lineFrame } from './addr2line';
import { fileOffsetToVirtualAddress, readElfInfo, targetRangeReader, type ElfInfo } from './elf';
import { isUnderRoots } from './source-roots';
import { isSystemLibrary } from './system-libraries';

const MAX_BATCH = 2048;
/** Raw addr2line answers shared by every Symbolizer in this process: identity → address → frames. */
const sharedCache = new Map<string, Map<number, Addr2lineFrame[]>>();
/** Rebuilds get new identities; keep the answers of this many binaries, least recently used out. */
const SHARED_CACHE_BINARIES = 32;

function sharedAnswers(identity: string): Map<number, Addr2lineFrame[]> {
  let answers = sharedCache.get(identity);
  if (answers) sharedCache.delete(identity);
  else answers = new Map();
  sharedCache.set(identity, answers);
  while (sharedCache.size > SHARED_CACHE_BINARIES) sharedCache.delete(sharedCache.keys().next().value as string);
  return answers;
}

interface BinaryState {
  path: string;
  /** Undefined until the headers are read; null when the binary is not worth resolving. */
  info: ElfInfo | null | undefined;
  infoPromise: Promise<void>;
  identity: string;
  answers: Map<number, Addr2lineFrame[]>;
  inFlight: Map<number, Promise<void>>;
  process: Addr2lineProcess | undefined;
  /** addr2line failed for this binary (missing on the target, crashed): its frames stay unresolved. */
  failed: boolean;
}

export interface SymbolizerStats {
  /** addr2line processes started (one per binary at most). */
  processes: number;
  batches: number;
  addressesResolved: number;
  cacheHits: number;
  /** Wall time from sending a batch to its answer, summed over batches (ms). */
  addr2lineMs: number;
}

export interface SymbolizerOptions {
  target: Target;
  sourceRoots: string[];
  log?: (line: string) => void;
}

export class Symbolizer {
  readonly stats: SymbolizerStats = { processes: 0, batches: 0, addressesResolved: 0, cacheHits: 0, addr2lineMs: 0 };
  private readonly binaries = new Map<string, BinaryState>();
  /** Final frames per module and (offset, innermost), shared by every event that has them. */
  private readonly frameCache = new Map<string, Map<number, ResolvedFrame[]>>();
  /** Whole stacks, interned through a trie over their frames' arrays: equal stacks share one array. */
  private readonly stackTrie: StackNode = { next: new Map() };
  private readonly lookupWanted = new Map<string, boolean>();
  private disposed = false;

  constructor(private readonly options: SymbolizerOptions) {}

  /** Makes sure every frame of these stacks can be answered synchronously by `resolveStack`. */
  async prepare(stacks: readonly (readonly StackFrame[])[]): Promise<void> {
    const wanted = new Map<BinaryState, Set<number>>();
    for (const stack of stacks) {
      stack.forEach((frame, index) => {
        if (!this.needsLookup(frame)) return;
        const binary = this.binary(frame.module);
        let set = wanted.get(binary);
        if (!set) wanted.set(binary, (set = new Set()));
        set.add(lookupOffset(frame, index));
      });
    }
    await Promise.all([...wanted].map(([binary, offsets]) => this.lookup(binary, offsets)));
  }

  /** Symbolized frames, innermost first (inlined frames expanded); call after `prepare`. */
  resolveStack(stack: readonly StackFrame[]): ResolvedFrame[] {
    if (stack.length === 0) return EMPTY;
    let node = this.stackTrie;
    for (let i = 0; i < stack.length; i++) {
      const part = this.resolveFrame(stack[i], i);
      let child = node.next.get(part);
      if (!child) node.next.set(part, (child = { next: new Map() }));
      node = child;
    }
    node.stack ??= stack.flatMap((frame, index) => this.resolveFrame(frame, index));
    return node.stack;
  }

  /** True for a binary that may hold user code but could not be symbolized (no DWARF, unreadable). */
  isUnsymbolized(module: string): boolean {
    const binary = this.binaries.get(module);
    return binary !== undefined && (binary.info === null || binary.failed);
  }

  /** Stops the addr2line processes; what was resolved stays answerable. Safe to call twice. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const running = [...this.binaries.values()].map((b) => b.process).filter((p): p is Addr2lineProcess => p !== undefined);
    for (const b of this.binaries.values()) b.process = undefined;
    await Promise.all(running.map((p) => p.close()));
  }

  private needsLookup(frame: StackFrame): boolean {
    if (frame.file !== undefined && frame.line !== undefined) return false;
    let wanted = this.lookupWanted.get(frame.module);
    if (wanted === undefined) {
      wanted = frame.module.startsWith('/') && !isSystemLibrary(frame.module);
      this.lookupWanted.set(frame.module, wanted);
    }
    return wanted;
  }

  private binary(path: string): BinaryState {
    const state = this.binaries.get(path);
    if (state) return state;
    const created: BinaryState = {
      path, info: undefined, identity: path, answers: new Map(), inFlight: new Map(), process: undefined, failed: false,
      infoPromise: Promise.resolve(),
    };
    created.infoPromise = readElfInfo(targetRangeReader(this.options.target, path)).then(
      (info) => {
        created.info = info.hasDebugInfo ? info : null;
        if (!info.hasDebugInfo) this.options.log?.(`symbolize: ${path} has no debug info; frames keep strace's function names`);
        created.identity = info.buildId ?? `${path}@${info.sectionHeaderOffset}`;
        created.answers = sharedAnswers(created.identity);
      },
      (error: Error) => {
        created.info = null;
        this.options.log?.(`symbolize: cannot read ${path}: ${error.message}`);
      },
    );
    this.binaries.set(path, created);
    return created;
  }

  private async lookup(binary: BinaryState, offsets: Set<number>): Promise<void> {
    await binary.infoPromise;
    const info = binary.info;
    if (!info) return;
    const waits: Promise<void>[] = [];
    const missing: number[] = [];
    for (const offset of offsets) {
      const va = fileOffsetToVirtualAddress(info, offset);
      if (va === undefined || binary.answers.has(va)) { this.stats.cacheHits++; continue; }
      const flight = binary.inFlight.get(va);
      if (flight) waits.push(flight);
      else missing.push(va);
    }
    for (let i = 0; i < missing.length; i += MAX_BATCH) waits.push(this.ask(binary, missing.slice(i, i + MAX_BATCH)));
    await Promise.all(waits);
  }

  private ask(binary: BinaryState, addresses: number[]): Promise<void> {
    if (this.disposed || binary.failed) return Promise.resolve();
    if (!binary.process) {
      binary.process = new Addr2lineProcess(this.options.target, binary.path);
      this.stats.processes++;
    }
    this.stats.batches++;
    const sent = performance.now();
    const done = binary.process.resolve(addresses).then(
      (records) => {
        this.stats.addr2lineMs += performance.now() - sent;
        records.forEach((frames, i) => binary.answers.set(addresses[i], frames));
        this.stats.addressesResolved += addresses.length;
      },
      (error: Error) => {
        // Keep going with strace's names: a dead symbolizer must not stop the recording.
        if (!binary.failed) this.options.log?.(`symbolize: ${error.message}; frames of ${binary.path} keep strace's function names`);
        binary.failed = true;
      },
    ).finally(() => { for (const a of addresses) binary.inFlight.delete(a); });
    for (const a of addresses) binary.inFlight.set(a, done);
    return done;
  }

  private resolveFrame(frame: StackFrame, index: number): ResolvedFrame[] {
    let byOffset = this.frameCache.get(frame.module);
    if (!byOffset) this.frameCache.set(frame.module, (byOffset = new Map()));
    // File offsets stay far below 2^52, so offset * 2 + innermost is an exact key.
    const key = frame.address * 2 + (index === 0 ? 1 : 0);
    let resolved = byOffset.get(key);
    if (!resolved) byOffset.set(key, (resolved = this.buildFrames(frame, index)));
    return resolved;
  }

  private buildFrames(frame: StackFrame, index: number): ResolvedFrame[] {
    const base = { module: frame.module, offset: frame.address };
    if (frame.file !== undefined && frame.line !== undefined) {
      const file = this.localFile(frame.file, frame.module);
      return [{ ...base, function: frame.symbol, file, line: frame.line, user: this.isUser(file) }];
    }
    const binary = this.binaries.get(frame.module);
    const info = binary?.info;
    const va = info ? fileOffsetToVirtualAddress(info, lookupOffset(frame, index)) : undefined;
    const answer = va !== undefined ? binary?.answers.get(va) : undefined;
    if (!answer || answer.length === 0) return [{ ...base, function: frame.symbol, user: false }];
    return answer.map((a) => {
      const file = a.file !== undefined ? this.localFile(a.file, frame.module) : undefined;
      const out: ResolvedFrame = { ...base, function: a.function ?? frame.symbol, user: file !== undefined && this.isUser(file) };
      if (file !== undefined && a.line !== undefined) { out.file = file; out.line = a.line; }
      if (a.inlined) out.inlined = true;
      return out;
    });
  }

  private localFile(file: string, module: string): string {
    const absolute = posix.isAbsolute(file) ? file : posix.join(posix.dirname(module), file);
    return this.options.target.toLocalPath(posix.normalize(absolute));
  }

  private isUser(file: string): boolean {
    return isUnderRoots(file, this.options.sourceRoots);
  }
}

const EMPTY: ResolvedFrame[] = [];

/** Return addresses point after the call; all but the innermost frame look up the call itself. */
function lookupOffset(frame: StackFrame, index: number): number {
  return index === 0 ? frame.address : frame.address - 1;
}

interface StackNode {
  next: Map<ResolvedFrame[], StackNode>;
  stack?: ResolvedFrame[];
}
