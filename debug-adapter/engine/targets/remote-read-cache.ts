/**
 * Read-ahead for `readFileRange` on remote targets. Reading an ELF file's headers means a
 * handful of small reads (ELF header, program headers, section headers, string table), and
 * over SSH each one is a round trip; fetching a whole aligned block and answering the next
 * reads from it turns ~6 round trips into one or two. Safe for what is read this way —
 * binaries and libraries (not rewritten while a run lasts) and append-only trace files (bytes
 * once written never change; a read past a block's end always goes to the target) — and `forget(path)` drops a file's blocks when we write it.
 */

/** Fetches `length` bytes at `offset` (fewer at end of file). */
export type RangeFetcher = (path: string, offset: number, length: number) => Promise<Buffer>;

interface Block {
  offset: number;
  data: Buffer;
}

export const READ_AHEAD = 256 * 1024;
/** At most this many blocks are kept per target (FIFO). */
const MAX_BLOCKS = 64;

export class RemoteReadCache {
  private readonly blocks = new Map<string, Block[]>();
  private order: { path: string; block: Block }[] = [];

  constructor(private readonly fetch: RangeFetcher) {}

  async read(path: string, offset: number, length: number): Promise<Buffer> {
    const hit = this.lookup(path, offset, length);
    if (hit) return hit;
    if (length >= READ_AHEAD) return this.fetch(path, offset, length);
    const start = offset - (offset % 4096);
    const size = Math.max(READ_AHEAD, offset + length - start);
    const data = await this.fetch(path, start, size);
    const block = { offset: start, data };
    this.remember(path, block);
    return data.subarray(offset - start, offset - start + length);
  }

  forget(path: string): void {
    this.blocks.delete(path);
    this.order = this.order.filter((entry) => entry.path !== path);
  }

  private lookup(path: string, offset: number, length: number): Buffer | undefined {
    for (const block of this.blocks.get(path) ?? []) {
      const end = block.offset + block.data.length;
      // Only ranges wholly inside a block: past its end the file may have grown since.
      if (offset >= block.offset && offset + length <= end) return block.data.subarray(offset - block.offset, offset + length - block.offset);
    }
    return undefined;
  }

  private remember(path: string, block: Block): void {
    const list = this.blocks.get(path) ?? [];
    list.push(block);
    this.blocks.set(path, list);
    this.order.push({ path, block });
    while (this.order.length > MAX_BLOCKS) {
      const old = this.order.shift()!;
      const blocks = this.blocks.get(old.path)?.filter((b) => b !== old.block) ?? [];
      if (blocks.length) this.blocks.set(old.path, blocks);
      else this.blocks.delete(old.path);
    }
  }
}
