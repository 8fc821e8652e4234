/**
 * `VagrantTarget`: a Vagrant machine, reached like any SSH host with the configuration
 * `vagrant ssh-config MACHINE` prints in the Vagrantfile's folder (default: the nearest one
 * above the program). The Vagrantfile's folder is `/vagrant` inside the machine (Vagrant's
 * default synced folder), so remote paths under it map back to local files. Failures of
 * `vagrant` itself become EngineErrors: not installed, machine not running, no usable provider.
 */
import { spawn } from 'node:child_process';
import { EngineError, type TargetSpec } from '../types';
import { SshTarget, type RemoteTargetOptions } from './ssh';
import type { SshEndpoint } from './ssh-connection';
import { endpointFromSshConfig, findVagrantfileDir } from './vagrant-config';

type VagrantSpec = Extract<TargetSpec, { type: 'vagrant' }>;

export interface VagrantTargetOptions extends RemoteTargetOptions {
  /** The program (local path): the Vagrantfile is searched for from its folder upwards. */
  program?: string;
}

interface VagrantResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class VagrantTarget extends SshTarget {
  readonly vagrantfileDir: string | undefined;
  private readonly searchedFrom: string;

  constructor(spec: VagrantSpec, options: VagrantTargetOptions = {}) {
    super(spec, options);
    this.searchedFrom = options.program ?? process.cwd();
    this.vagrantfileDir = spec.vagrantfileDir ?? findVagrantfileDir(this.searchedFrom);
    if (this.vagrantfileDir) {
      // sourceMap entries the user gave win over the default mapping.
      const own = options.sourceMap ?? {};
      if (!Object.keys(own).includes('/vagrant')) this.paths.add('/vagrant', this.vagrantfileDir);
    }
  }

  override get description(): string {
    return `vagrant ${(this.spec as VagrantSpec).machine ?? 'default'}`;
  }

  protected override async endpoint(): Promise<SshEndpoint> {
    const dir = this.vagrantfileDir;
    if (!dir) {
      throw new EngineError(
        'vagrant-no-vagrantfile',
        `No Vagrantfile was found in ${this.searchedFrom} or any folder above it.`,
        'Set the target\'s "vagrantfileDir" to the folder holding your Vagrantfile (see samples/Vagrantfile).',
      );
    }
    const machine = (this.spec as VagrantSpec).machine;
    const result = await runVagrant(['ssh-config', ...(machine ? [machine] : [])], dir);
    if (result.code !== 0) throw await this.explain(result, dir, machine);
    const endpoint = endpointFromSshConfig(result.stdout);
    if (!endpoint) throw new EngineError('vagrant-ssh-config', `\`vagrant ssh-config\` in ${dir} printed no Host.`, 'Run `vagrant ssh-config` there to see what is wrong.');
    this.options.log?.(`vagrant ssh-config: ${endpoint.user ?? ''}@${endpoint.host}:${endpoint.port ?? 22}`);
    return endpoint;
  }

  private async explain(result: VagrantResult, dir: string, machine: string | undefined): Promise<EngineError> {
    const text = `${result.stderr}\n${result.stdout}`.trim();
    const name = machine ?? 'default';
    if (/No usable default provider|isn't usable|is not usable|provider .* could not be found|not installed or not usable/i.test(text)) {
      return new EngineError('vagrant-no-provider', `Vagrant has no usable provider for ${name} in ${dir}: ${oneLine(text)}`,
        'Install a provider Vagrant supports here (VirtualBox, libvirt, or lxc with vagrant-lxc) or set VAGRANT_DEFAULT_PROVIDER.');
    }
    if (/not found configured for this Vagrant environment|requires a specific VM name/i.test(text)) {
      return new EngineError('vagrant-unknown-machine', `Vagrant in ${dir} has no machine named "${name}": ${oneLine(text)}`,
        'Set the target\'s "machine" to one of the names `vagrant status` lists.');
    }
    if (/not yet ready for SSH|must be created|not created|not running|vagrant up/i.test(text)) {
      return new EngineError('vagrant-not-running', `The Vagrant machine ${name} in ${dir} is not running.`,
        `Start it with \`vagrant up${machine ? ` ${machine}` : ''}\` in ${dir}, then run again.`);
    }
    return new EngineError('vagrant-failed', `\`vagrant ssh-config\` failed in ${dir}: ${oneLine(text) || `exit ${result.code}`}`,
      `Run \`vagrant status\` in ${dir} to see what is wrong.`);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').slice(0, 400);
}

function runVagrant(args: string[], cwd: string): Promise<VagrantResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('vagrant', args, { cwd, env: { ...process.env, VAGRANT_CWD: cwd, VAGRANT_NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT'
        ? new EngineError('vagrant-missing', 'Vagrant (`vagrant`) was not found on this machine.',
          'Install Vagrant (https://developer.hashicorp.com/vagrant/install; Debian/Ubuntu: `sudo apt-get install vagrant`) and make sure it is on PATH.')
        : error);
    });
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
