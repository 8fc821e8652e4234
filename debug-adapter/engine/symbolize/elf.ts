/**
 * Just enough ELF64 reading to symbolize `strace -k` frames: the LOAD segments (to turn the
 * file offset strace prints into the virtual address addr2line wants), whether the file carries
 * DWARF (`.debug_info`/`.zdebug_info`), and its build id (GNU or Go note) as a cache identity.
 * Only the headers are read, through the Target, so a 100 MB binary on a remote machine costs
 * a few small reads; `readElfInfo` falls back to reading the whole file when the Target has no
 * ranged read.
 */
import type { Target } from '../types';

export interface LoadSegment {
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
  executable: boolean;
}

export interface ElfInfo {
  /** ET_EXEC (2, fixed addresses) or ET_DYN (3, PIE or shared library). */
  type: number;
  loads: LoadSegment[];
  hasDebugInfo: boolean;
  /** Hex GNU build id, or `go:<id>` from Go's note; undefined when the file has neither. */
  buildId: string | undefined;
  /** Where the section headers live: part of the fallback identity when there is no build id. */
  sectionHeaderOffset: number;
}

const PT_LOAD = 1;
const PT_NOTE = 4;
const PF_X = 1;

/** Reads `length` bytes at `offset` of a file; shorter results mean end of file. */
export type RangeReader = (offset: number, length: number) => Promise<Buffer>;

/** A reader over the Target: ranged when the Target offers it, else one whole-file read (cached). */
export function targetRangeReader(target: Target, path: string): RangeReader {
  if (target.readFileRange) {
    const readRange = target.readFileRange.bind(target);
    return (offset, length) => readRange(path, offset, length);
  }
  let whole: Promise<Buffer> | undefined;
  return async (offset, length) => {
    whole ??= target.readFile(path);
    return (await whole).subarray(offset, offset + length);
  };
}

/** Parses the headers of an ELF64 little-endian file; throws a plain Error for anything else. */
export async function readElfInfo(read: RangeReader): Promise<ElfInfo> {
  const header = await read(0, 64);
  if (header.length < 64 || header.readUInt32BE(0) !== 0x7f454c46) throw new Error('not an ELF file');
  if (header[4] !== 2 || header[5] !== 1) throw new Error('only 64-bit little-endian ELF files are supported');
  const type = header.readUInt16LE(16);
  const phoff = Number(header.readBigUInt64LE(32));
  const shoff = Number(header.readBigUInt64LE(40));
  const phentsize = header.readUInt16LE(54);
  const phnum = header.readUInt16LE(56);
  const shentsize = header.readUInt16LE(58);
  const shnum = header.readUInt16LE(60);
  const shstrndx = header.readUInt16LE(62);

  const loads: LoadSegment[] = [];
  const notes: { offset: number; size: number }[] = [];
  const ph = await read(phoff, phentsize * phnum);
  for (let i = 0; i + 1 <= phnum && (i + 1) * phentsize <= ph.length; i++) {
    const at = i * phentsize;
    const ptype = ph.readUInt32LE(at);
    const flags = ph.readUInt32LE(at + 4);
    const offset = Number(ph.readBigUInt64LE(at + 8));
    const vaddr = Number(ph.readBigUInt64LE(at + 16));
    const filesz = Number(ph.readBigUInt64LE(at + 32));
    const memsz = Number(ph.readBigUInt64LE(at + 40));
    if (ptype === PT_LOAD) loads.push({ offset, vaddr, filesz, memsz, executable: (flags & PF_X) !== 0 });
    else if (ptype === PT_NOTE) notes.push({ offset, size: filesz });
  }

  let buildId: string | undefined;
  for (const note of notes) {
    buildId ??= parseBuildIdNote(await read(note.offset, Math.min(note.size, 4096)));
  }
  const hasDebugInfo = shoff > 0 && shnum > 0 ? await hasDebugSection(read, shoff, shentsize, shnum, shstrndx) : false;
  return { type, loads, hasDebugInfo, buildId, sectionHeaderOffset: shoff };
}

async function hasDebugSection(read: RangeReader, shoff: number, shentsize: number, shnum: number, shstrndx: number): Promise<boolean> {
  const sh = await read(shoff, shentsize * shnum);
  if (shstrndx >= shnum || sh.length < shentsize * shnum) return false;
  const strAt = shstrndx * shentsize;
  const strOffset = Number(sh.readBigUInt64LE(strAt + 24));
  const strSize = Number(sh.readBigUInt64LE(strAt + 32));
  const names = await read(strOffset, Math.min(strSize, 1 << 20));
  for (let i = 0; i < shnum; i++) {
    const nameAt = sh.readUInt32LE(i * shentsize);
    const end = names.indexOf(0, nameAt);
    const name = names.toString('latin1', nameAt, end < 0 ? names.length : end);
    if (name === '.debug_info' || name === '.zdebug_info') return true;
  }
  return false;
}

/** Walks the notes of one PT_NOTE segment for NT_GNU_BUILD_ID (3, "GNU") or Go's (4, "Go"). */
function parseBuildIdNote(buf: Buffer): string | undefined {
  let at = 0;
  while (at + 12 <= buf.length) {
    const namesz = buf.readUInt32LE(at);
    const descsz = buf.readUInt32LE(at + 4);
    const ntype = buf.readUInt32LE(at + 8);
    const nameAt = at + 12;
    const descAt = nameAt + align4(namesz);
    if (descAt + descsz > buf.length) return undefined;
    // Names are NUL-terminated and Go pads its own ("Go\0\0"): drop every trailing NUL.
    const name = buf.toString('latin1', nameAt, nameAt + namesz).replace(/\0+$/, '');
    const desc = buf.subarray(descAt, descAt + descsz);
    if (name === 'GNU' && ntype === 3) return desc.toString('hex');
    if (name === 'Go' && ntype === 4) return `go:${desc.toString('latin1')}`;
    at = descAt + align4(descsz);
  }
  return undefined;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/**
 * File offset (as strace -k prints it) → virtual address as linked, which is what addr2line
 * expects for both PIE (linked at 0) and fixed-address binaries (Go statics at 0x400000).
 * Undefined when the offset lies in no LOAD segment.
 */
export function fileOffsetToVirtualAddress(info: ElfInfo, offset: number): number | undefined {
  // Prefer executable segments: code addresses are what stacks hold, and segments can share a page.
  for (const wantExecutable of [true, false]) {
    for (const seg of info.loads) {
      if (seg.executable !== wantExecutable) continue;
      if (offset >= seg.offset && offset < seg.offset + seg.filesz) return seg.vaddr + (offset - seg.offset);
    }
  }
  return undefined;
}
