/**
 * Finds the Vagrantfile for a program and turns `vagrant ssh-config` output into an SSH
 * endpoint. The output is parsed with the `ssh-config` package (the same grammar OpenSSH
 * reads), and every directive is passed on as `-o Key=Value`, so whatever Vagrant's provider
 * needs (ProxyCommand, its own known_hosts policy, several keys) works unchanged; only
 * LogLevel is dropped, because Vagrant's `FATAL` would hide the messages we explain errors with.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import SSHConfig from 'ssh-config';
import type { SshEndpoint } from './ssh-connection';

/** The folder holding the nearest Vagrantfile at or above `start` (a file or folder). */
export function findVagrantfileDir(start: string): string | undefined {
  let dir = resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = dirname(dir);
  for (;;) {
    if (existsSync(join(dir, 'Vagrantfile'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const HANDLED = new Set(['host', 'hostname', 'user', 'port', 'identityfile', 'loglevel']);

function optionValue(value: string): string {
  return /[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}

/** The first Host block of `vagrant ssh-config` output as an endpoint; undefined if none. */
export function endpointFromSshConfig(text: string): SshEndpoint | undefined {
  const config = SSHConfig.parse(text);
  const alias = config.map((line) => ('param' in line && line.param.toLowerCase() === 'host' ? String(line.value) : undefined)).find(Boolean);
  if (!alias) return undefined;
  const computed = config.compute(alias);
  const get = (key: string): string | undefined => {
    const found = Object.entries(computed).find(([k]) => k.toLowerCase() === key);
    const value = found?.[1];
    return Array.isArray(value) ? value[0] : value;
  };
  const options: string[] = [];
  const identities: string[] = [];
  for (const [key, value] of Object.entries(computed)) {
    const values = Array.isArray(value) ? value : [value];
    if (key.toLowerCase() === 'identityfile') identities.push(...values);
    else if (!HANDLED.has(key.toLowerCase())) for (const v of values) options.push(`${key}=${optionValue(v)}`);
  }
  for (const extra of identities.slice(1)) options.push(`IdentityFile=${optionValue(extra)}`);
  const port = get('port');
  return {
    host: get('hostname') ?? alias,
    user: get('user'),
    port: port ? Number(port) : undefined,
    identityFile: identities[0],
    options,
  };
}
