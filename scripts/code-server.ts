/**
 * Starts real VS Code (code-server) on 127.0.0.1 with a throw-away profile — its own HOME,
 * user-data and extensions folders under one temp dir — installs a VSIX into it, opens a
 * folder, and stops it all again (the whole process tree, then the temp dir). `npm start` and
 * the end-to-end tests share it, so what the tests drive is exactly what a person gets.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { killTree } from './code-server-processes';

export interface CodeServerPaths { node: string; entry: string; version: string }

export interface CodeServerOptions {
  vsix: string;
  /** Folder to open. */
  folder: string;
  /** Port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /** Extra user settings merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Where the temp profile goes (default: the OS temp dir). */
  tempParent?: string;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT/?folder=… */
  url: string;
  port: number;
  pid: number;
  /** The temp dir holding HOME, user-data and extensions; removed by stop(). */
  profileDir: string;
  logFile: string;
  /** Kills code-server and everything it started, removes the profile. Safe to call twice. */
  stop(): Promise<void>;
}

const REPO = resolve(import.meta.dirname, '..');

/** Quiet defaults: no welcome page, tips, update checks, telemetry or AI side panels. */
const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
};

/** Installs code-server when missing (scripts/ensure-code-server.mjs) and returns its paths. */
export function ensureCodeServer(): CodeServerPaths {
  const res = spawnSync(process.execPath, [join(REPO, 'scripts', 'ensure-code-server.mjs'), '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (res.status !== 0) throw new Error('code-server is not available (scripts/ensure-code-server.mjs failed, see above).');
  return JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}') as CodeServerPaths;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The environment code-server (and so the traced programs' builds) run with. */
function serverEnv(home: string, node: string): NodeJS.ProcessEnv {
  const realHome = homedir();
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share') };
  // VS Code puts its vscode-ipc-*.sock files in XDG_RUNTIME_DIR (else /tmp, where they were
  // left behind after every run): inside the throw-away profile they go when it is removed.
  env.XDG_RUNTIME_DIR = join(home, 'run');
  mkdirSync(env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
  // The isolated HOME must not hide the user's toolchains: rustup and Go look under HOME.
  const cargoBin = join(realHome, '.cargo', 'bin');
  const path = [join(node, '..'), ...(existsSync(cargoBin) ? [cargoBin] : []), process.env.PATH ?? '/usr/bin:/bin'];
  env.PATH = path.join(':');
  if (existsSync(join(realHome, '.rustup'))) env.RUSTUP_HOME ??= join(realHome, '.rustup');
  if (existsSync(join(realHome, '.cargo'))) env.CARGO_HOME ??= join(realHome, '.cargo');
  env.GOCACHE ??= join(process.env.XDG_CACHE_HOME ?? join(realHome, '.cache'), 'go-build');
  // Runs are kept where the user's runs are (the engine's default reads XDG_CACHE_HOME/HOME).
  env.XDG_CACHE_HOME ??= join(realHome, '.cache');
  delete env.npm_config_nodedir;
  delete env.NODE_OPTIONS;
  delete env.VSCODE_IPC_HOOK_CLI;
  return env;
}

async function waitForHttp(url: string, exited: () => string | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const why = exited();
    if (why) throw new Error(why);
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs / 1000} s`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  if (!existsSync(options.vsix)) throw new Error(`VSIX not found: ${options.vsix} (run npm run package)`);
  const paths = ensureCodeServer();
  const profileDir = mkdtempSync(join(options.tempParent ?? tmpdir(), 'syscall-lens-code-server-'));
  const home = join(profileDir, 'home');
  const userData = join(profileDir, 'user-data');
  const extensions = join(profileDir, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const env = serverEnv(home, paths.node);
  const logFile = join(profileDir, 'code-server.log');
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];

  let stopped = false;
  let pid = 0;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (pid) await killTree(pid);
    rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    const install = spawnSync(paths.node, [paths.entry, ...common, '--install-extension', resolve(options.vsix), '--force'], { env, encoding: 'utf8' });
    if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
      throw new Error(`installing ${options.vsix} into code-server failed:\n${install.stdout}${install.stderr}`);
    }
    const port = options.port || (await freePort());
    const log = createWriteStream(logFile);
    // detached = setsid: code-server leads its own session and group, which stop() ends.
    const child = spawn(paths.node, [
      paths.entry, ...common,
      '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-workspace-trust',
      '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
      '--ignore-last-opened', resolve(options.folder),
    ], { env, cwd: home, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    pid = child.pid ?? 0;
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    let exit: string | undefined;
    child.once('exit', (code, sig) => { exit = `code-server exited early (${code ?? sig}); its log:\n${safeRead(logFile)}`; });
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, () => exit, 60_000);
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(resolve(options.folder))}`;
    return { url, port, pid, profileDir, logFile, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-4000);
  } catch {
    return '(no log)';
  }
}
