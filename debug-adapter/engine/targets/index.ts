/**
 * Makes the Target a TargetSpec asks for. Each kind of target registers one line in
 * `FACTORIES`; kinds without a factory yet fail with a clear EngineError instead of a crash.
 */
import type { Target, TargetSpec } from '../types';
import { EngineError } from '../types';
import { LocalTarget } from './local';

export interface CreateTargetOptions {
  /** Remote prefix → local prefix, for targets whose paths differ from local ones. */
  sourceMap?: Record<string, string>;
  log?(line: string): void;
}

type Factory = (spec: TargetSpec, options: CreateTargetOptions) => Target;

/** One entry per target kind; remote kinds are added here by their owners. */
const FACTORIES: Partial<Record<TargetSpec['type'], Factory>> = {
  local: (_spec, options) => new LocalTarget(options.sourceMap),
};

export function createTarget(spec: TargetSpec = { type: 'local' }, options: CreateTargetOptions = {}): Target {
  const factory = FACTORIES[spec.type];
  if (!factory) {
    throw new EngineError(
      'target-unsupported',
      `Tracing on a ${spec.type} target is not available in this version of Syscall Lens.`,
      'Use target "local" (this machine) for now.',
    );
  }
  return factory(spec, options);
}
