/**
 * Target factory (placeholder until LocalTarget lands: signature only).
 */
import type { Target, TargetSpec } from '../types';
import { EngineError } from '../types';

export interface CreateTargetOptions {
  /** Remote prefix → local prefix, for targets whose paths differ from local ones. */
  sourceMap?: Record<string, string>;
  log?(line: string): void;
}

export function createTarget(spec: TargetSpec, _options: CreateTargetOptions = {}): Target {
  throw new EngineError('not-implemented', `Target ${spec.type} is not implemented yet.`);
}
