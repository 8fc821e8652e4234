/**
 * Public entry of the strace-parser package. The parser engineer replaces this placeholder
 * with the real exports; until then it re-exports the record types so dependants typecheck.
 */
export type * from './types';
