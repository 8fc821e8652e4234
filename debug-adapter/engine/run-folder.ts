/**
 * Run folders (placeholder until the real code lands: signature only).
 */
import type { RunHandle, RunHooks } from './types';
import { EngineError } from './types';

export interface OpenRecordingOptions {
  /** Local folders whose files are the user's code (default: the run's, else the log's folder). */
  sourceRoots?: string[];
  /** Remote prefix → local prefix. */
  sourceMap?: Record<string, string>;
}

export async function openRecording(_path: string, _options?: OpenRecordingOptions, _hooks?: RunHooks): Promise<RunHandle> {
  throw new EngineError('not-implemented', 'openRecording is not implemented yet.');
}
