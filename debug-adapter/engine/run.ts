/**
 * Starts a traced run (placeholder until the real runner lands: signature only).
 */
import type { RunHandle, RunHooks, RunOptions } from './types';
import { EngineError } from './types';

export async function startRun(_options: RunOptions, _hooks?: RunHooks): Promise<RunHandle> {
  throw new EngineError('not-implemented', 'startRun is not implemented yet.');
}
