/**
 * The session room's public entry: the DAP session class the extension runs inline
 * (`new StraceDebugSession()`) and `debug-adapter/main.ts` runs over stdio.
 */
export { StraceDebugSession } from './straceDebugSession';
