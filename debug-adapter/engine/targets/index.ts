/**
 * Makes the Target a TargetSpec asks for. Each kind of target registers one line in
 * `FACTORIES`; kinds without a factory yet fail with a clear EngineError instead of a crash.
 */
import type { Target, TargetSpec } from '../types';
import { EngineError } from '../types';
import { LocalTarget } from './local';
import { SshTarget } from './ssh';
import { VagrantTarget } from './vagrant';

export interface CreateTargetOptions {
  /** Remote prefix → local prefix, for targets whose paths differ from local ones. */
  sourceMap?: Record<string, string>;
  log?(line: string): void;
  /** The program (local path): a Vagrant target looks for the nearest Vagrantfile above it. */
  program?: string;
  /** The local folder an SSH target's `remoteRoot` stands for (default: the current directory). */
  localRoot?: string;
}

type Factory = (spec: TargetSpec, options: CreateTargetOptions) => Target;

/** One entry per target kind; remote kinds are added here by their owners. */
const FACTORIES: Partial<Record<TargetSpec['type'], Factory>> = {
  local: (_spec, options) => new LocalTarget(options.sourceMap),
  ssh: (spec, options) => new SshTarget(spec, options),
  vagrant: (spec, options) => new VagrantTarget(spec as Extract<TargetSpec, { type: 'vagrant' }>, options),
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
