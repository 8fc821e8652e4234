/**
 * Public entry of the strace-parser package: the streaming parser, one-shot `parse()`,
 * lazy argument structuring, fd-annotation and string decoding, and strace's syscall
 * classes for filters. Browser-safe: nothing here imports Node; Node stream helpers live
 * in `node-stream.ts`, which only the CLI and Node callers import.
 */
export type * from './types';
export { StraceParser, parse } from './parser';
export { parseFdAnnotation } from './fd-annotation';
export { decodeStraceString } from './strings';
export type { DecodedString } from './strings';
export { parseFrameLine } from './frames';
export { parseArgs } from './args';
export { straceClassesOf, straceClassNames, knownSyscallNames, expandSyscallFilter } from './classes';
