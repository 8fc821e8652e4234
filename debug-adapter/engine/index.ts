/**
 * The engine's public entry: everything the debug adapter, the CLI and the tests need to start
 * a traced run, reopen a saved one, or reach a target. Callers import from here, never from
 * the files behind it, so the engine's rooms can be rearranged without touching them.
 */
export { startRun } from './run';
export { openRecording, defaultRunsDir, TRACE_FILE, METADATA_FILE } from './run-folder';
export type { OpenRecordingOptions } from './run-folder';
export { createTarget } from './targets';
export type { CreateTargetOptions } from './targets';
export * from './types';
