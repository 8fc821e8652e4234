/**
 * SshTarget against a real sshd on 127.0.0.1: argv reaches the remote program byte-exact,
 * stdout/stderr stay apart, files are read (whole and by range) and written, sync uploads and
 * path mapping work, killTree leaves nothing running on the target (this machine), dispose
 * closes the master, and every connection error is a clear EngineError.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EngineError } from '../../debug-adapter/engine/types';
import { SshTarget } from '../../debug-adapter/engine/targets/ssh';
import { startSshd, freePort, type TestSshd } from './support/sshd';
import { privateTmpdir, processesWith, sshMasters, waitFor, waitUntilGone } from './support/processes';

const PROGRAMS = join(__dirname, 'programs');

const HOSTILE_ARGS = [
  'plain', 'two words', "it's", '"double"', '$(touch /tmp/sl-pwned)', '`touch /tmp/sl-pwned`', 'a;b', 'x\ny',
  'tab\there', 'naïve — ünïcødé 🐧', '*', '~', '-n', '', '\\back\\slash', '$HOME', '!bang', '--', '#hash', '>out',
];

describe('SshTarget over a real sshd', () => {
  let sshd: TestSshd;
  let target: SshTarget;
  let work: string;

  before(async () => {
    sshd = await startSshd();
    work = mkdtempSync(join(tmpdir(), 'sl-ssh-work-'));
    target = new SshTarget(sshd.spec());
    await target.connect();
  });

  after(async () => {
    try {
      await target?.dispose();
    } finally {
      try { await sshd?.stop(); } finally { if (work) rmSync(work, { recursive: true, force: true }); }
    }
  });

  it('passes argv byte-exact and keeps stdout and stderr apart', async () => {
    const binary = join(work, 'echo-argv');
    const build = await target.exec(['gcc', '-g', '-O0', '-o', binary, join(PROGRAMS, 'echo-argv.c')]);
    assert.equal(build.code, 0, build.stderr);
    const run = await target.exec([binary, ...HOSTILE_ARGS]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.stdout.split('\0').slice(0, -1), HOSTILE_ARGS);
    assert.equal(run.stderr, '');
    assert.equal(processesWith('/tmp/sl-pwned').length, 0);
    // Without a newline the command takes the other two paths: the command server (exec) and a
    // prepared session (spawn); both must deliver the same bytes.
    const oneLine = HOSTILE_ARGS.filter((a) => !a.includes('\n'));
    const viaServer = await target.exec([binary, ...oneLine]);
    assert.deepEqual(viaServer.stdout.split('\0').slice(0, -1), oneLine);
    const spawned = target.spawn([binary, ...oneLine]);
    const chunks: Buffer[] = [];
    spawned.stdout.on('data', (c: Buffer) => chunks.push(c));
    assert.equal((await spawned.exited).code, 0);
    assert.deepEqual(Buffer.concat(chunks).toString('utf8').split('\0').slice(0, -1), oneLine);
    assert.equal(processesWith('/tmp/sl-pwned').length, 0);
    const split = await target.exec(['sh', '-c', 'echo out; echo err >&2; exit 3']);
    assert.deepEqual([split.code, split.stdout, split.stderr], [3, 'out\n', 'err\n']);
  });

  it('runs in cwd with env, feeds stdin, and reports the remote pid', async () => {
    const r = await target.exec(['sh', '-c', 'pwd; printf "%s" "$SL_VALUE"; cat'], {
      cwd: work, env: { SL_VALUE: "a 'quoted' $(value)\n" }, input: 'from stdin',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${work}\na 'quoted' $(value)\nfrom stdin`);
    const proc = target.spawn(['sh', '-c', 'echo $$; sleep 30']);
    const line = await new Promise<string>((resolve) => proc.stdout.once('data', (c: Buffer) => resolve(c.toString().trim())));
    assert.equal(proc.pid, Number(line));
    await proc.killTree('SIGTERM');
  });

  it('reads, writes, checks and removes files; readFileRange reads only the range', async () => {
    const dir = await target.makeTempDir('sl test $(x) ');
    try {
      assert.match(dir, /^\/.*sl-test---x--/);
      const file = join(dir, "odd name 'q'.bin");
      const data = Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 7) & 0xff));
      await target.writeFile(file, data);
      assert.ok(await target.exists(file));
      assert.deepEqual(await target.readFile(file), data);
      assert.deepEqual(await target.readFileRange(file, 0, 64), data.subarray(0, 64));
      assert.deepEqual(await target.readFileRange(file, 65000, 100), data.subarray(65000, 65100));
      assert.deepEqual(await target.readFileRange(file, 69990, 100), data.subarray(69990));
      // Rewriting a file drops what the read-ahead kept of it.
      const rewritten = Buffer.from('rewritten');
      await target.writeFile(file, rewritten);
      assert.deepEqual(await target.readFileRange(file, 0, 64), rewritten);
      await assert.rejects(target.readFile(join(dir, 'missing')), /No such file/);
      await assert.rejects(target.readFileRange(join(dir, 'missing'), 0, 10), /No such file/);
      await target.remove(dir);
      assert.equal(await target.exists(dir), false);
    } finally {
      // The target is this machine: a failed assertion above must not leave the folder in /tmp.
      if (/sl-test---x--/.test(dir)) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('killTree kills the whole remote tree, children that left the group included', async () => {
    const marker = `sl-kill-${process.pid}`;
    const proc = target.spawn(['sh', '-c', `sleep 300 & setsid sleep 301 & sh -c 'sleep 302; : ${marker}' & echo ready; wait; : ${marker}`]);
    await new Promise<void>((resolve) => proc.stdout.once('data', () => resolve()));
    const sleepers = () => processesWith('sleep').filter((p) => /^30[012]$/.test(p.cmdline[1] ?? ''));
    assert.ok(await waitFor(() => sleepers().length === 3), 'the whole tree is running');
    await proc.killTree('SIGTERM');
    const end = await proc.exited;
    assert.notEqual(end.code, 0);
    assert.deepEqual(await waitUntilGone(marker), []);
    assert.ok(await waitFor(() => sleepers().length === 0), 'every sleeper is gone');
  });

  it('syncs a folder with tar and maps paths both ways; remoteRoot maps a shared folder', async () => {
    const local = join(work, 'project dir');
    mkdirSync(join(local, 'sub'), { recursive: true });
    mkdirSync(join(local, '.git'), { recursive: true });
    copyFileSync(join(PROGRAMS, 'echo-argv.c'), join(local, 'main.c'));
    writeFileSync(join(local, 'sub', 'data.txt'), 'payload');
    writeFileSync(join(local, '.git', 'HEAD'), 'ref');
    const remote = await target.uploadFolder!(local);
    try {
      assert.notEqual(remote, local);
      assert.equal((await target.readFile(`${remote}/sub/data.txt`)).toString(), 'payload');
      assert.equal(await target.exists(`${remote}/.git`), false);
      assert.equal(target.toTargetPath(join(local, 'main.c')), `${remote}/main.c`);
      assert.equal(target.toLocalPath(`${remote}/sub/data.txt`), join(local, 'sub', 'data.txt'));
      assert.equal(target.toLocalPath('/usr/include/stdio.h'), '/usr/include/stdio.h');
      // A second upload replaces the old contents.
      rmSync(join(local, 'sub'), { recursive: true });
      await target.uploadFolder!(local);
      assert.equal(await target.exists(`${remote}/sub`), false);
      await target.remove(remote);
    } finally {
      if (remote.includes('/.cache/syscall-lens/sync/')) rmSync(remote, { recursive: true, force: true });
    }

    const shared = new SshTarget(sshd.spec({ remoteRoot: '/srv/share' }), { localRoot: '/home/me/ws', sourceMap: { '/srv/share/deep': '/elsewhere' } });
    assert.equal(shared.toLocalPath('/srv/share/a/b.c'), '/home/me/ws/a/b.c');
    assert.equal(shared.toLocalPath('/srv/share/deep/x.c'), '/elsewhere/x.c');
    assert.equal(shared.toLocalPath('/srv/sharex/y.c'), '/srv/sharex/y.c');
    assert.equal(shared.toTargetPath('/home/me/ws/a/b.c'), '/srv/share/a/b.c');
    await shared.dispose();
  });

  it('dispose kills what is left and closes the master connection', async () => {
    const tmp = privateTmpdir();
    const masters = () => sshMasters(tmp.dir);
    const extra = new SshTarget(sshd.spec());
    const marker = `sl-dispose-${process.pid}`;
    try {
      await extra.connect();
      const mine = masters();
      assert.equal(mine.length, 1, 'one master connection for the target');
      const proc = extra.spawn(['sh', '-c', `sleep 200; : ${marker}`]);
      assert.ok(await waitFor(() => processesWith(marker).some((p) => p.comm === 'sh')), 'the remote shell runs');
      await extra.dispose();
      await proc.exited.catch(() => undefined);
      assert.deepEqual(await waitUntilGone(marker), []);
      assert.ok(await waitFor(() => masters().length === 0), 'the master is gone');
      await extra.dispose();
    } finally {
      await extra.dispose();
      tmp.restore();
    }
  });
});

describe('SshTarget with a noisy login shell', () => {
  it('keeps what ~/.bashrc prints out of program output and file reads', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'sl-noisy-'));
    // bash sources $BASH_ENV for `bash -c`, as it sources ~/.bashrc when run by sshd.
    const noise = join(scratch, 'noise.sh');
    writeFileSync(noise, 'echo "welcome to the box"\necho "rc warning" >&2\n');
    const noisy = await startSshd([], { BASH_ENV: noise });
    const target = new SshTarget(noisy.spec());
    try {
      const quick = await target.exec(['printf', '%s', 'exact']);
      assert.deepEqual([quick.stdout, quick.stderr], ['exact', '']);
      const slow = await target.exec(['sh', '-c', 'printf out; printf err >&2'], { timeoutMs: 30_000 });
      assert.deepEqual([slow.stdout, slow.stderr], ['out', 'err']);
      const proc = target.spawn(['sh', '-c', 'printf "a\nb"; printf e >&2']);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      proc.stdout.on('data', (c: Buffer) => out.push(c));
      proc.stderr.on('data', (c: Buffer) => err.push(c));
      await proc.exited;
      assert.deepEqual([Buffer.concat(out).toString(), Buffer.concat(err).toString()], ['a\nb', 'e']);
      assert.equal((await target.readFile(noise)).toString(), readFileSync(noise, 'utf8'));
    } finally {
      await target.dispose();
      await noisy.stop();
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('SshTarget errors', () => {
  let sshd: TestSshd;
  before(async () => { sshd = await startSshd(); });
  after(async () => { await sshd?.stop(); });

  async function connectError(target: SshTarget): Promise<EngineError> {
    try {
      await target.connect();
    } catch (error) {
      assert.ok(error instanceof EngineError, String(error));
      return error;
    } finally {
      await target.dispose();
    }
    assert.fail('connect() should have failed');
  }

  it('an unreachable port is ssh-unreachable', async () => {
    const e = await connectError(new SshTarget(sshd.spec({ port: await freePort() })));
    assert.equal(e.code, 'ssh-unreachable');
    assert.match(e.message, /could not be reached.*Connection refused/);
    assert.ok(e.fix);
  });

  it('a wrong key is ssh-auth-refused', async () => {
    const other = join(sshd.dir, 'other_key');
    const { spawnSync } = await import('node:child_process');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const e = await connectError(new SshTarget(sshd.spec({ identityFile: other })));
    assert.equal(e.code, 'ssh-auth-refused');
    assert.match(e.message, /refused to log you in.*Permission denied/);
  });

  it('a changed host key is ssh-host-key-changed, an unknown one ssh-host-key-unknown', async () => {
    const original = readFileSync(sshd.knownHosts, 'utf8');
    const otherHost = join(sshd.dir, 'other_host');
    const { spawnSync } = await import('node:child_process');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherHost]);
    const otherPub = readFileSync(`${otherHost}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    try {
      writeFileSync(sshd.knownHosts, `[127.0.0.1]:${sshd.port} ${otherPub}\n`);
      const changed = await connectError(new SshTarget(sshd.spec()));
      assert.equal(changed.code, 'ssh-host-key-changed');
      assert.match(changed.fix ?? '', /ssh-keygen -R/);
      writeFileSync(sshd.knownHosts, '');
      const unknown = await connectError(new SshTarget(sshd.spec()));
      assert.equal(unknown.code, 'ssh-host-key-unknown');
      assert.match(unknown.fix ?? '', /accept-new/);
    } finally {
      writeFileSync(sshd.knownHosts, original);
    }
  });
});
