// Makes sure real VS Code (code-server from the npm registry) and the Node 24 it needs are
// installed in a cache folder outside the repository (`~/.cache/syscall-lens/code-server`, or
// `$SYSCALL_LENS_CODE_SERVER_DIR`), and prints where they are. `npm start`, the end-to-end tests
// and CI call it; a second call only checks a marker file, so it is fast. Node 24 comes from the
// npm package `node-linux-<arch>` (a binary plus headers): code-server's postinstall builds native
// modules against it, so `npm_config_nodedir` must point at it — the machine's npmrc points at
// Node 20's headers. npm 11 skips dependency install scripts unless allowed, and code-server's
// postinstall is what installs VS Code itself, so the cache folder's package.json allows it
// (`allowScripts`); should a future npm still skip it, we run `postinstall.sh` ourselves.
// `--json` prints the paths as one JSON line (for scripts/code-server.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';

/** The cache folder; override with SYSCALL_LENS_CODE_SERVER_DIR. */
export function codeServerCacheDir() {
  if (process.env.SYSCALL_LENS_CODE_SERVER_DIR) return process.env.SYSCALL_LENS_CODE_SERVER_DIR;
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'syscall-lens', 'code-server');
}

function layout(dir) {
  const nodePackage = join(dir, 'node', 'node_modules', `node-linux-${process.arch}`);
  const codeServerPackage = join(dir, 'cs', 'node_modules', 'code-server');
  return {
    dir,
    nodeDir: nodePackage,
    node: join(nodePackage, 'bin', 'node'),
    codeServerDir: codeServerPackage,
    entry: join(codeServerPackage, 'out', 'node', 'entry.js'),
    vscodeModules: join(codeServerPackage, 'lib', 'vscode', 'node_modules'),
    marker: join(dir, 'ready.json'),
  };
}

function run(command, args, options) {
  const res = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (res.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${res.status ?? res.signal}) in ${options.cwd}`);
  }
}

/** A private npm project folder, so installs neither touch nor depend on the repository. */
function writeProject(folder, name, allowScripts) {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name, private: true, allowScripts }, null, 2) + '\n');
}

function isReady(paths) {
  if (!existsSync(paths.marker)) return false;
  try {
    const marker = JSON.parse(readFileSync(paths.marker, 'utf8'));
    return marker.codeServerVersion === CODE_SERVER_VERSION && existsSync(paths.node) && existsSync(paths.entry) && existsSync(paths.vscodeModules);
  } catch {
    return false;
  }
}

function nodeVersion(node) {
  const res = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : undefined;
}

/**
 * Installs (when missing) and returns { node, nodeDir, entry, codeServerDir, version }.
 * Throws with a message that says what failed and what to check.
 */
export function ensureCodeServer({ quiet = false } = {}) {
  const paths = layout(codeServerCacheDir());
  const result = { node: paths.node, nodeDir: paths.nodeDir, entry: paths.entry, codeServerDir: paths.codeServerDir, version: CODE_SERVER_VERSION };
  if (isReady(paths)) return result;
  const say = (line) => { if (!quiet) console.error(`[ensure-code-server] ${line}`); };
  if (process.platform !== 'linux') throw new Error('code-server from npm is set up here for Linux only.');

  if (!existsSync(paths.node) || !nodeVersion(paths.node)?.startsWith(`v${NODE_MAJOR}.`)) {
    say(`installing Node ${NODE_MAJOR} (npm package node-linux-${process.arch}) into ${join(paths.dir, 'node')}`);
    writeProject(join(paths.dir, 'node'), 'syscall-lens-node', {});
    run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `node-linux-${process.arch}@${NODE_MAJOR}`], { cwd: join(paths.dir, 'node') });
  }
  const version = nodeVersion(paths.node);
  if (!version?.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`Node ${NODE_MAJOR} did not install at ${paths.node} (got ${version ?? 'nothing'}).`);

  // code-server's postinstall checks the Node major from npm's user agent and builds native
  // modules (kerberos needs Debian's libkrb5-dev) against npm_config_nodedir.
  const env = { ...process.env, PATH: `${join(paths.nodeDir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: paths.nodeDir };
  const csProject = join(paths.dir, 'cs');
  rmSync(csProject, { recursive: true, force: true });
  writeProject(csProject, 'syscall-lens-code-server', { 'code-server': true, argon2: true });
  say(`installing code-server ${CODE_SERVER_VERSION} with Node ${version} into ${csProject} (a few minutes)`);
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { cwd: csProject, env });
  if (!existsSync(paths.vscodeModules)) {
    say('npm skipped code-server\'s postinstall; running it directly');
    const agent = `npm/11 node/${version} linux ${process.arch}`;
    run('sh', ['./postinstall.sh'], { cwd: paths.codeServerDir, env: { ...env, npm_config_user_agent: agent } });
  }
  if (!existsSync(paths.entry) || !existsSync(paths.vscodeModules)) {
    throw new Error(`code-server did not install completely under ${paths.codeServerDir}; see the npm output above (is libkrb5-dev installed?).`);
  }
  writeFileSync(paths.marker, JSON.stringify({ codeServerVersion: CODE_SERVER_VERSION, node: version, installedAt: new Date().toISOString() }, null, 2) + '\n');
  say('ready');
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const started = Date.now();
    const found = ensureCodeServer();
    // --json: one line for scripts/code-server.ts (which starts it) to read.
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify(found));
      process.exit(0);
    }
    console.log(`code-server ${found.version} ready: ${found.entry} (Node ${found.node}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    console.error(`ensure-code-server: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
