/**
 * Turns launch.json attributes into the engine's RunOptions: `args` as an array or a string
 * split as a shell would (with `shell-quote`, no shell ever runs it), `envFile` read and merged
 * under `env`, `filter` as a list, `target` normalised. Every mistake becomes a message that
 * says which attribute to fix.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as shellParse } from 'shell-quote';
import type { RunOptions, TargetSpec } from '../engine/types';
import type { LaunchArguments } from '../protocol';

export class LaunchConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LaunchConfigError';
  }
}

export function splitArgs(args: string[] | string | undefined): string[] {
  if (args === undefined) return [];
  if (Array.isArray(args)) {
    if (!args.every((a) => typeof a === 'string')) throw new LaunchConfigError('"args" must be an array of strings, or one string split like a shell command line.');
    return args;
  }
  if (typeof args !== 'string') throw new LaunchConfigError('"args" must be an array of strings or a string.');
  const out: string[] = [];
  // Keep `$VAR` literally: the program gets exactly what was written, nothing is expanded.
  for (const part of shellParse(args, (name) => `$${name}`)) {
    if (typeof part === 'string') out.push(part);
    else if ('pattern' in part) out.push(part.pattern);
    else throw new LaunchConfigError(`"args" contains shell syntax (${'op' in part ? part.op : 'comment'}) that is not passed to programs; write "args" as an array of strings instead.`);
  }
  return out;
}

/** KEY=VALUE lines; `#` comments, blank lines, an optional `export `, single or double quotes. */
export function parseEnvFile(text: string, file: string): Record<string, string> {
  const env: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(t);
    if (!m) throw new LaunchConfigError(`${file}:${i + 1}: expected KEY=VALUE, found "${t.slice(0, 60)}"`);
    let value = m[2];
    const q = value[0];
    if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2) {
      value = value.slice(1, -1);
      if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    env[m[1]] = value;
  });
  return env;
}

function targetOf(t: LaunchArguments['target']): TargetSpec {
  if (t === undefined || t === 'local') return { type: 'local' };
  if (typeof t === 'object' && t && (t.type === 'local' || t.type === 'ssh' || t.type === 'vagrant')) return t as TargetSpec;
  throw new LaunchConfigError('"target" must be "local", { "type": "ssh", "host": … } or { "type": "vagrant" }.');
}

export function runOptionsOf(args: LaunchArguments): RunOptions {
  if (!args.program || typeof args.program !== 'string') {
    throw new LaunchConfigError('"program" is missing: set it to a source file, a folder or a binary (e.g. "${file}").');
  }
  const cwd = args.cwd ? path.resolve(args.cwd) : undefined;
  let env: Record<string, string> | undefined;
  if (args.envFile) {
    const file = path.resolve(cwd ?? process.cwd(), args.envFile);
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (e) { throw new LaunchConfigError(`"envFile" ${file} cannot be read: ${(e as Error).message}`); }
    env = parseEnvFile(text, file);
  }
  if (args.env) env = { ...env, ...args.env };
  const filter = typeof args.filter === 'string' ? args.filter.split(/[\s,]+/).filter(Boolean) : args.filter;
  return {
    program: path.resolve(args.program),
    args: splitArgs(args.args),
    cwd,
    env,
    build: args.build,
    straceArgs: args.straceArgs,
    filter,
    stringSize: args.stringSize,
    target: targetOf(args.target),
    sourceMap: args.sourceMap,
    runsDir: args.runsDir,
  };
}
