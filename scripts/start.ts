/**
 * `npm start`, the main job: make sure real VS Code (code-server) is installed, build and
 * package the extension, install the fresh VSIX into a throw-away profile, open the `samples/`
 * folder and print the address to open in a browser. Ctrl-C (or SIGTERM) stops code-server and
 * everything it started — traced programs included — and removes the profile.
 * `PORT=8080 npm start` picks the port (default: 8080 when free, else any free one).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureCodeServer, freePort, startCodeServer, type CodeServer } from './code-server';

const REPO = resolve(import.meta.dirname, '..');
const VSIX = join(REPO, 'dist', 'syscall-lens.vsix');

function step(text: string): void {
  console.log(`\n▸ ${text}`);
}

async function choosePort(): Promise<number> {
  if (process.env.PORT) return Number(process.env.PORT);
  const probe = await import('node:net');
  const free = await new Promise<boolean>((ok) => {
    const server = probe.createServer();
    server.once('error', () => ok(false));
    server.listen(8080, '127.0.0.1', () => server.close(() => ok(true)));
  });
  return free ? 8080 : freePort();
}

async function main(): Promise<void> {
  step('Checking for code-server (real VS Code; installed once into ~/.cache/syscall-lens)');
  const paths = ensureCodeServer();
  console.log(`  code-server ${paths.version}`);

  step('Building and packaging the extension (npm run package)');
  const pack = spawnSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: 'inherit' });
  if (pack.status !== 0 || !existsSync(VSIX)) throw new Error('npm run package failed (see above).');

  const samples = join(REPO, 'samples');
  mkdirSync(samples, { recursive: true });
  step(`Starting code-server with the VSIX in a fresh profile, opening ${samples}`);
  // Filled once code-server is up; the signal handlers are installed before, so Ctrl-C during start-up also cleans up.
  const running: { server?: CodeServer } = {};
  let stopping = false;
  const shutdown = async (why: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${why}: stopping code-server and everything it started…`);
    // Still starting: main() stops it as soon as startCodeServer returns.
    if (!running.server) return;
    await running.server.stop();
    console.log('Stopped. Nothing left running.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('Ctrl-C'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));

  const server = await startCodeServer({ vsix: VSIX, folder: samples, port: await choosePort() });
  running.server = server;
  if (stopping) {
    await server.stop();
    console.log('Stopped. Nothing left running.');
    process.exit(0);
  }
  console.log(`
  Syscall Lens is running in VS Code (code-server ${paths.version}).

      Open  ${server.url}

  Open a sample (e.g. go/hello/main.go, namespaces/uts/main.c), press F5, and step through its syscalls.
  code-server's log: ${server.logFile}
  Press Ctrl-C to stop.
`);
  // Stay up until a signal; if code-server dies on its own, say so and leave.
  const poll = setInterval(() => {
    try {
      process.kill(server.pid, 0);
    } catch {
      clearInterval(poll);
      console.error('code-server exited unexpectedly.');
      void server.stop().then(() => process.exit(1));
    }
  }, 1000);
}

main().catch((err: unknown) => {
  console.error(`npm start failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
