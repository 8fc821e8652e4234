/**
 * `console: integratedTerminal` for a program that strace starts: the engine owns the
 * program's pipes, so the terminal runs a tiny relay script (written to a private temp dir and
 * started through DAP's `runInTerminal`) that connects back to a Unix socket in that dir. Keys typed in
 * the terminal go to the program's stdin; the program's output comes back to the terminal.
 * Output written before the relay connects is kept and replayed; nothing from the traced
 * program ever reaches a shell — the terminal command line holds only node and two temp paths.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Writable } from 'node:stream';

const RELAY_SOURCE =
  "const s=require('net').connect(process.argv[2]);s.pipe(process.stdout);process.stdin.pipe(s);" +
  "s.on('close',()=>process.exit(0));s.on('error',()=>process.exit(1));";

export class TerminalRelay {
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'syscall-lens-tty-'));
  readonly socketPath = path.join(this.dir, 'relay.sock');
  private readonly scriptPath = path.join(this.dir, 'relay.js');
  private readonly server: net.Server;
  private socket: net.Socket | undefined;
  private backlog: Buffer[] = [];
  private stdin: Writable | undefined;
  private finished = false;
  /** Keys typed before the program's stdin exists (the terminal opens while the build runs). */
  private typedEarly: Buffer[] = [];

  constructor() {
    writeFileSync(this.scriptPath, RELAY_SOURCE, { mode: 0o600 });
    this.server = net.createServer((socket) => {
      if (this.socket) { socket.destroy(); return; }
      this.socket = socket;
      for (const chunk of this.backlog) socket.write(chunk);
      this.backlog = [];
      if (this.finished) socket.end();
      socket.on('data', (d: Buffer) => (this.stdin ? this.stdin.write(d) : this.typedEarly.push(d)));
      socket.on('error', () => undefined);
    });
    this.server.listen(this.socketPath);
  }

  /** The argv for `runInTerminal`: node (or VS Code's own runtime as node) running the relay. */
  terminalArgs(): { args: string[]; env: Record<string, string> } {
    return { args: [process.execPath, this.scriptPath, this.socketPath], env: { ELECTRON_RUN_AS_NODE: '1' } };
  }

  attachStdin(stdin: Writable | undefined): void {
    this.stdin = stdin;
    for (const chunk of this.typedEarly) stdin?.write(chunk);
    this.typedEarly = [];
  }

  write(chunk: Buffer): void {
    if (this.socket) this.socket.write(chunk);
    else this.backlog.push(chunk);
  }

  /** The program has ended: let the terminal's relay finish once everything is written. */
  finish(): void {
    this.finished = true;
    this.socket?.end();
  }

  dispose(): void {
    this.socket?.end();
    this.server.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
