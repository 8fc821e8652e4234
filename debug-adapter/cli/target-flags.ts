/**
 * The CLI's target flags, parsed into a TargetSpec: `--target local|ssh:HOST|vagrant[:MACHINE]`
 * with `--ssh-port`, `--ssh-option` (repeatable), `--identity-file`, `--sync`, `--remote-root`
 * and `--vagrant-dir`. Kept apart from the other CLI options so the remote targets are wired
 * up here alone; a flag that does not fit the chosen target is an error, not ignored.
 */
import type { TargetSpec } from '../engine/types';

export class TargetFlagError extends Error {}

/** Flags that take a value. */
const VALUE_FLAGS = ['--target', '--ssh-port', '--ssh-option', '--identity-file', '--remote-root', '--vagrant-dir'] as const;
/** Flags without a value. */
const SWITCH_FLAGS = ['--sync'] as const;

export interface TargetFlags {
  target?: string;
  sshPort?: number;
  sshOptions: string[];
  identityFile?: string;
  sync?: boolean;
  remoteRoot?: string;
  vagrantDir?: string;
}

export function emptyTargetFlags(): TargetFlags {
  return { sshOptions: [] };
}

export function isTargetFlag(name: string): 'value' | 'switch' | undefined {
  if ((VALUE_FLAGS as readonly string[]).includes(name)) return 'value';
  if ((SWITCH_FLAGS as readonly string[]).includes(name)) return 'switch';
  return undefined;
}

/** Records one flag (value undefined for switches). */
export function applyTargetFlag(flags: TargetFlags, name: string, value: string | undefined): void {
  switch (name) {
    case '--target': flags.target = value; break;
    case '--ssh-port': {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new TargetFlagError(`--ssh-port needs a port number (1-65535), not "${value}".`);
      flags.sshPort = port;
      break;
    }
    case '--ssh-option': flags.sshOptions.push(value ?? ''); break;
    case '--identity-file': flags.identityFile = value; break;
    case '--sync': flags.sync = true; break;
    case '--remote-root': flags.remoteRoot = value; break;
    case '--vagrant-dir': flags.vagrantDir = value; break;
    default: throw new TargetFlagError(`Unknown target flag ${name}.`);
  }
}

export function targetSpecFrom(flags: TargetFlags): TargetSpec {
  const target = flags.target ?? 'local';
  const sshOnly = flags.sshPort !== undefined || flags.sshOptions.length > 0 || flags.identityFile !== undefined || flags.sync || flags.remoteRoot !== undefined;
  if (target === 'local') {
    if (sshOnly || flags.vagrantDir !== undefined) throw new TargetFlagError('SSH and Vagrant flags need --target ssh:HOST or --target vagrant[:MACHINE].');
    return { type: 'local' };
  }
  if (target.startsWith('ssh:')) {
    const host = target.slice(4);
    if (!host) throw new TargetFlagError('--target ssh:HOST needs a host, e.g. --target ssh:dev@box.');
    if (flags.vagrantDir !== undefined) throw new TargetFlagError('--vagrant-dir goes with --target vagrant.');
    return {
      type: 'ssh',
      host,
      ...(flags.sshPort !== undefined ? { port: flags.sshPort } : {}),
      ...(flags.identityFile !== undefined ? { identityFile: flags.identityFile } : {}),
      ...(flags.sshOptions.length ? { sshOptions: flags.sshOptions } : {}),
      ...(flags.remoteRoot !== undefined ? { remoteRoot: flags.remoteRoot } : {}),
      ...(flags.sync ? { sync: true } : {}),
    };
  }
  if (target === 'vagrant' || target.startsWith('vagrant:')) {
    if (sshOnly) throw new TargetFlagError('SSH flags go with --target ssh:HOST, not vagrant.');
    const machine = target.slice('vagrant:'.length);
    return {
      type: 'vagrant',
      ...(target.startsWith('vagrant:') && machine ? { machine } : {}),
      ...(flags.vagrantDir !== undefined ? { vagrantfileDir: flags.vagrantDir } : {}),
    };
  }
  throw new TargetFlagError(`Unknown --target "${target}": use local, ssh:HOST or vagrant[:MACHINE].`);
}
