/**
 * Node-only helpers around the browser-safe parser: a `Transform` stream (bytes or text in,
 * one record object per `data` event out) and `parseStream()`, an async iterable of record
 * batches over any readable. Kept out of the package's main entry so the core bundle never
 * references Node built-ins; Node callers (the CLI, the engine) import this file directly.
 */
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { StraceParser } from './parser';
import type { ParserOptions, StraceRecord } from './types';

/** A Transform: write strace output (Buffer or string), read StraceRecord objects. */
export class StraceParseStream extends Transform {
  private readonly parser: StraceParser;

  constructor(options: ParserOptions = {}) {
    super({ readableObjectMode: true, writableObjectMode: false, decodeStrings: false });
    this.parser = new StraceParser(options);
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    for (const r of this.parser.push(typeof chunk === 'string' ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))) this.push(r);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    for (const r of this.parser.end()) this.push(r);
    callback();
  }
}

/** Parses a readable (file stream, process stdout…) into batches of records, one batch per chunk. */
export async function* parseStream(readable: AsyncIterable<Buffer | string | Uint8Array>, options: ParserOptions = {}): AsyncIterable<StraceRecord[]> {
  const parser = new StraceParser(options);
  for await (const chunk of readable) {
    const batch = parser.push(chunk);
    if (batch.length > 0) yield batch;
  }
  const last = parser.end();
  if (last.length > 0) yield last;
}

/** The pid an `-ff` output file carries in its name (`trace.1234` → 1234), if any. */
export function pidFromTraceFileName(path: string): number | undefined {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  if (dot < 0 || dot === base.length - 1) return undefined;
  const tail = base.slice(dot + 1);
  for (let i = 0; i < tail.length; i++) {
    const c = tail.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(tail);
}
