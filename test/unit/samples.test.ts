/**
 * The samples, for real: every Go and namespace sample is built and traced through the engine
 * (`startRun`: real go/gcc/rustc, real strace -f -k), must end by itself with status 0 and the
 * output it promises, and every marker comment must hold: a `#NAME` line shows at least one of
 * the syscalls `samples/markers.json` lists for NAME, attributed to that very line, and a
 * `#NOSYSCALL` line shows none. The namespace samples are also checked for the namespace calls
 * themselves (unshare/clone flags, sethostname, mount, pivot_root, the uid_map writes). They run
 * through user namespaces, which this machine allows even for unprivileged users: the suite runs
 * as root here (so strace may trace anything), the samples take the same user-namespace path
 * either way. Each namespace binary then runs again as `nobody`, to prove it needs no root, and
 * as root with user namespaces refused, to prove the root fallback works.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { startRun, type TraceEvent } from '../../debug-adapter/engine';
import { isolateCache, TempDirs } from '../support/fixtures';

const SAMPLES = resolve(__dirname, '../../samples');
const MARKER_TABLE = (JSON.parse(readFileSync(join(SAMPLES, 'markers.json'), 'utf8')) as { markers: Record<string, string[]> }).markers;
/** A `#NAME` token right after a `//` or `/*` comment opener. */
const MARKER = /(?:\/\/|\/\*)\s*#([A-Z][A-Z_0-9]*)\b/;
/** Temp-dir prefixes the samples use; none may be left behind. */
const SAMPLE_TEMP_PREFIXES = /^(io-writer-|io-reader-|unix-sockets-|files-|inotify-|flock-|mmap-|mount-ns-|container-)/;

const temp = new TempDirs();
let tempBefore = new Set<string>();
// The engine's builds and runs go to a temp cache removed with the suite, not ~/.cache.
let restoreCache = () => {};
before(() => {
  tempBefore = new Set(readdirSync(tmpdir()));
  restoreCache = isolateCache(temp);
});
after(() => {
  restoreCache();
  temp.cleanup();
});

interface Traced {
  events: TraceEvent[];
  stdout: string;
  stderr: string;
  /** The binary the engine built. */
  binary: string;
}

async function trace(program: string, stdin?: string): Promise<Traced> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const handle = await startRun({ program, runsDir: temp.make('syscall-lens-samples-') }, {
    stdout: (c) => out.push(c),
    stderr: (c) => err.push(c),
  });
  if (stdin !== undefined) handle.stdin?.end(stdin);
  const end = await handle.done;
  const traced = {
    events: Array.from({ length: handle.model.length }, (_, i) => handle.model.event(i)),
    stdout: Buffer.concat(out).toString(),
    stderr: Buffer.concat(err).toString(),
    binary: handle.metadata.build?.binary ?? '',
  };
  assert.deepEqual({ exitCode: end.exitCode, reason: end.reason }, { exitCode: 0, reason: 'exited' },
    `${program} did not end by itself with status 0; stderr:\n${traced.stderr}`);
  return traced;
}

/** Every marker of a source file: line number and name. */
function markersOf(file: string): { line: number; name: string; text: string }[] {
  return readFileSync(file, 'utf8').split('\n').flatMap((text, i) => {
    const m = MARKER.exec(text);
    return m ? [{ line: i + 1, name: m[1], text: text.trim() }] : [];
  });
}

function checkMarkers(source: string, traced: Traced): void {
  const marks = markersOf(source);
  assert.ok(marks.length > 0, `${source} has no marker comments`);
  for (const mark of marks) {
    // A numbered marker (#WRITE2) stands for the same calls as its name without the number.
    const allowed = MARKER_TABLE[mark.name.replace(/\d+$/, '')];
    assert.ok(allowed, `${source}:${mark.line}: #${mark.name} is not in samples/markers.json`);
    const names = traced.events
      .filter((e) => e.type === 'syscall' && e.source?.path === source && e.source.line === mark.line)
      .map((e) => e.name);
    if (mark.name.replace(/\d+$/, '') === 'NOSYSCALL') {
      const made = names.filter((n) => n !== 'rt_sigreturn');
      assert.deepEqual(made, [], `${source}:${mark.line} (${mark.text}) should make no syscall`);
    } else {
      assert.ok(names.some((n) => allowed.includes(n)),
        `${source}:${mark.line} (${mark.text}): expected one of [${allowed.join(', ')}], got [${names.join(', ')}]`);
    }
  }
}

/** Syscall events by name, optionally with a predicate on the parsed record. */
function calls(traced: Traced, name: string, where: (e: TraceEvent & { args: string }) => boolean = () => true): TraceEvent[] {
  return traced.events.filter((e) => {
    if (e.type !== 'syscall' || e.name !== name || e.record.kind !== 'syscall') return false;
    return where({ ...e, args: e.record.argsText });
  });
}

// ───────────────────────────── Go ─────────────────────────────

const GO: Record<string, { output: RegExp; stdin?: string }> = {
  hello: { output: /Hello, World!\nHello from syscall.Write/ },
  'io-writer': { output: /to stdout: 2\nto a buffer: 3\nthe server read: to a TCP connection: 4/ },
  'io-reader': { output: /read 240 bytes in 64-byte reads[\s\S]*through io.Pipe, in memory\nstdin said: "from the test\\n"/, stdin: 'from the test\n' },
  goroutines: { output: /counter = 8000[\s\S]*worker stopped after/ },
  tcp: { output: /client got: HELLO\nclient got: TCP\nclient got: BYE/ },
  http: { output: /keep-alive on: 3 requests, 1 connection\(s\)\nkeep-alive off: 3 requests, 3 connection\(s\)[\s\S]*piece 1;piece 2;piece 3;/ },
  'udp-multicast': { output: /server got "ping over UDP"[\s\S]*group member got "news #3"/ },
  'unix-sockets': { output: /stream server got "hello over a stream socket\\n"[\s\S]*got "another datagram" from client.sock/ },
  files: { output: /sub\/deeper\/leaf.txt[\s\S]*final.txt is gone/ },
  inotify: { output: /IN_CREATE +watched.txt[\s\S]*IN_DELETE +watched.txt.bak/ },
  flock: { output: /non-blocking shared lock: resource temporarily unavailable[\s\S]*shared lock after waiting/ },
  mmap: { output: /file now starts with: "written through memory, not write\(2\)\\n"/ },
  exec: { output: /direct: hello from a child process\nthrough sh -c, word count: 3\nsh -c 'exit 3' ended with code 3/ },
  environment: { output: /child sees GREETING=hello from the parent\nonly: ONLY_THIS=1 PATH=/ },
  'process-info': { output: /pid: +\d+[\s\S]*process group: \d+ session: \d+/ },
  signals: { output: /handler got: user defined signal 1[\s\S]*child ended: signal: terminated/ },
  time: { output: /two clock reads, no syscall[\s\S]*ticker fired \d+ times/ },
};

describe('Go samples: built, traced, every marker on its line', { concurrency: 2 }, () => {
  it('every Go sample folder is in this table', () => {
    assert.deepEqual(readdirSync(join(SAMPLES, 'go')).sort(), Object.keys(GO).sort());
  });
  for (const [name, expected] of Object.entries(GO)) {
    it(`go/${name}`, { timeout: 180_000 }, async () => {
      const folder = join(SAMPLES, 'go', name);
      const traced = await trace(folder, expected.stdin);
      assert.match(traced.stdout, expected.output);
      checkMarkers(join(folder, 'main.go'), traced);
    });
  }
});

// ───────────────────────────── Namespaces ─────────────────────────────

type NamespaceCheck = (t: Traced) => void;

const has = (t: Traced, name: string, where: (e: TraceEvent & { args: string }) => boolean, what: string) =>
  assert.ok(calls(t, name, where).length > 0, `expected ${what}; ${name} calls seen: ${calls(t, name).map(describeCall).join(' | ') || 'none'}`);
const ok = (e: TraceEvent) => e.ret === 0;
const describeCall = (e: TraceEvent) => (e.record.kind === 'syscall' ? `${e.name}(${e.record.argsText}) = ${e.record.resultText ?? '?'}` : e.name);

/** The namespace calls each sample exists to show, checked in the trace (same for C and Rust). */
const NAMESPACES: Record<string, { output: RegExp; check: NamespaceCheck }> = {
  uts: {
    output: /inside the new UTS namespace: lens-uts/,
    check: (t) => {
      has(t, 'unshare', (e) => /CLONE_NEWUTS/.test(e.args) && /CLONE_NEWUSER/.test(e.args) && ok(e), 'unshare(CLONE_NEWUSER|CLONE_NEWUTS) = 0');
      has(t, 'sethostname', (e) => e.args.includes('"lens-uts"') && ok(e), 'sethostname("lens-uts") = 0');
    },
  },
  pid: {
    output: /child: +getpid\(\) = 1, getppid\(\) = 0[\s\S]*\/proc now lists 1 process[\s\S]*grandchild: getpid\(\) = 2/,
    check: (t) => {
      has(t, 'clone', (e) => /CLONE_NEWPID/.test(e.args) && /CLONE_NEWNS/.test(e.args) && (e.ret ?? 0) > 0, 'clone(CLONE_NEWPID|…) returning a pid');
      has(t, 'getpid', (e) => e.ret === 1, 'getpid() = 1 inside the new PID namespace');
      has(t, 'mount', (e) => e.args.includes('"proc"') && ok(e), 'mount("proc", "/proc", "proc", …) = 0');
    },
  },
  mount: {
    output: /mountinfo: .* - tmpfs tmpfs [\s\S]*is gone/,
    check: (t) => {
      has(t, 'unshare', (e) => /CLONE_NEWNS/.test(e.args) && ok(e), 'unshare(…CLONE_NEWNS) = 0');
      has(t, 'mount', (e) => /MS_REC\|MS_PRIVATE|MS_PRIVATE\|MS_REC/.test(e.args) && ok(e), 'mount(NULL, "/", NULL, MS_REC|MS_PRIVATE) = 0');
      has(t, 'mount', (e) => e.args.includes('"tmpfs"') && ok(e), 'mount("tmpfs", …) = 0');
      has(t, 'umount2', ok, 'umount2(dir) = 0');
    },
  },
  user: {
    output: /before mapping: uid=65534[\s\S]*after mapping: +uid=0 gid=0[\s\S]*Operation not permitted/,
    check: (t) => {
      has(t, 'unshare', (e) => /CLONE_NEWUSER/.test(e.args) && ok(e), 'unshare(CLONE_NEWUSER) = 0');
      has(t, 'write', (e) => /uid_map>/.test(e.args) && (e.ret ?? 0) > 0, 'a write to /proc/self/uid_map');
      has(t, 'write', (e) => /gid_map>/.test(e.args) && (e.ret ?? 0) > 0, 'a write to /proc/self/gid_map');
      has(t, 'getuid', (e) => e.ret === 0, 'getuid() = 0 after the mapping');
      has(t, 'sethostname', (e) => e.errno === 'EPERM', 'sethostname failing with EPERM (root inside only)');
    },
  },
  network: {
    output: /interfaces in the new namespace: (\["lo"\]|lo)\n[\s\S]*Network is unreachable[\s\S]*with lo up, a datagram/,
    check: (t) => {
      has(t, 'unshare', (e) => /CLONE_NEWNET/.test(e.args) && ok(e), 'unshare(…CLONE_NEWNET) = 0');
      has(t, 'ioctl', (e) => /SIOCSIFFLAGS/.test(e.args) && ok(e), 'ioctl(SIOCSIFFLAGS) = 0 bringing lo up');
      has(t, 'sendto', (e) => e.errno === 'ENETUNREACH', 'sendto failing with ENETUNREACH while lo is down');
    },
  },
  ipc: {
    output: /in a new IPC namespace: msgget\(0x[0-9a-f]+\) -> No such file or directory[\s\S]*still there/,
    check: (t) => {
      has(t, 'unshare', (e) => /CLONE_NEWIPC/.test(e.args) && ok(e), 'unshare(…CLONE_NEWIPC) = 0');
      has(t, 'msgget', (e) => e.errno === 'ENOENT', 'msgget(key, 0) failing with ENOENT in the new namespace');
      has(t, 'msgctl', (e) => /IPC_RMID/.test(e.args) && ok(e), 'msgctl(IPC_RMID) = 0 (the queue is removed)');
    },
  },
  container: {
    output: /in the container: pid 1, uid 0, host lens-box\n\/ holds: bin [^\n]*proc [^\n]*usr[\s\S]*interfaces: lo\n[\s\S]*container exited with 0/,
    check: (t) => {
      const flags = ['CLONE_NEWUSER', 'CLONE_NEWPID', 'CLONE_NEWNS', 'CLONE_NEWUTS', 'CLONE_NEWIPC', 'CLONE_NEWNET'];
      has(t, 'clone', (e) => flags.every((f) => e.args.includes(f)) && (e.ret ?? 0) > 0, `clone(${flags.join('|')})`);
      has(t, 'write', (e) => /uid_map>/.test(e.args) && (e.ret ?? 0) > 0, 'a write to /proc/PID/uid_map');
      has(t, 'sethostname', (e) => e.args.includes('"lens-box"') && ok(e), 'sethostname("lens-box") = 0');
      has(t, 'pivot_root', ok, 'pivot_root(".", ".old-root") = 0');
      has(t, 'umount2', (e) => /MNT_DETACH/.test(e.args) && ok(e), 'umount2("/.old-root", MNT_DETACH) = 0');
      has(t, 'execve', (e) => e.args.startsWith('"/bin/sh"') && ok(e), 'execve("/bin/sh", …) = 0 inside the new root');
    },
  },
};

/**
 * The suite runs as root here; the samples' point is that they need no root. So the binary the
 * engine built also runs as `nobody` (uid 65534): it must work where the kernel allows
 * unprivileged user namespaces, and otherwise fail with the message that says to use root.
 */
const AS_NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];

/** A copy of the built binary that `nobody` may run. */
function copyForNobody(binary: string): { dir: string; copy: string } {
  const dir = temp.make('syscall-lens-samples-nobody-');
  chmodSync(dir, 0o755);
  const copy = join(dir, basename(binary));
  copyFileSync(binary, copy);
  chmodSync(copy, 0o755);
  return { dir, copy };
}

function runUnprivileged(binary: string, output: RegExp): void {
  const { dir, copy } = copyForNobody(binary);
  const allowed = spawnSync('setpriv', [...AS_NOBODY, 'unshare', '-Ur', 'true']).status === 0;
  const run = spawnSync('setpriv', [...AS_NOBODY, copy], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  if (allowed) {
    assert.equal(run.status, 0, `as nobody: ${run.stderr}`);
    assert.match(run.stdout, output);
  } else {
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /as root|needs root/);
  }
}

/**
 * The root path: where the kernel refuses user namespaces, root runs the samples without one.
 * Simulated without touching this machine's settings: inside a throwaway user namespace we are
 * root, and its own user.max_user_namespaces = 0 makes every further user namespace fail.
 */
function runAsRootWithoutUserNamespaces(binary: string, output: RegExp, needsUserNamespace: boolean): void {
  const { dir, copy } = copyForNobody(binary);
  const script = 'echo 0 > /proc/sys/user/max_user_namespaces && exec "$0"';
  const run = spawnSync('setpriv', [...AS_NOBODY, 'unshare', '-Ur', 'sh', '-c', script, copy], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  if (needsUserNamespace) {
    assert.equal(run.status, 1, run.stdout);
    assert.match(run.stderr, /Even root may not create user namespaces|run it as root/);
  } else {
    assert.equal(run.status, 0, `as root without user namespaces: ${run.stderr}`);
    assert.match(run.stdout, output);
  }
}

const canSimulateRootWithoutUserNamespaces = process.getuid?.() === 0 &&
  spawnSync('setpriv', [...AS_NOBODY, 'unshare', '-Ur', 'sh', '-c', 'echo 0 > /proc/sys/user/max_user_namespaces']).status === 0;

describe('namespace samples (C and Rust): the namespace syscalls, every marker on its line', { concurrency: 2 }, () => {
  it('every namespace sample folder is in this table, with main.c and main.rs', () => {
    assert.deepEqual(readdirSync(join(SAMPLES, 'namespaces')).sort(), Object.keys(NAMESPACES).sort());
    for (const name of Object.keys(NAMESPACES)) {
      const files = readdirSync(join(SAMPLES, 'namespaces', name));
      assert.ok(files.includes('main.c') && files.includes('main.rs'), `${name}: ${files.join(', ')}`);
    }
  });
  for (const [name, expected] of Object.entries(NAMESPACES)) {
    for (const file of ['main.c', 'main.rs']) {
      it(`namespaces/${name}/${file}`, { timeout: 180_000 }, async () => {
        const source = join(SAMPLES, 'namespaces', name, file);
        const traced = await trace(source);
        assert.match(traced.stdout, expected.output);
        expected.check(traced);
        checkMarkers(source, traced);
        if (process.getuid?.() === 0) runUnprivileged(traced.binary, expected.output);
        if (canSimulateRootWithoutUserNamespaces) runAsRootWithoutUserNamespaces(traced.binary, expected.output, name === 'user');
      });
    }
  }
});

// ───────────────────────────── F5 and docs ─────────────────────────────

interface LaunchConfig { type: string; request: string; name: string; program: string; target?: { type: string } }

describe('samples are ready for F5 and documented', () => {
  const launch = JSON.parse(readFileSync(join(SAMPLES, '.vscode', 'launch.json'), 'utf8')) as { configurations: LaunchConfig[] };
  const programs = [
    ...Object.keys(GO).map((name) => `go/${name}`),
    ...Object.keys(NAMESPACES).flatMap((name) => [`namespaces/${name}/main.c`, `namespaces/${name}/main.rs`]),
  ];
  const index = readFileSync(join(SAMPLES, 'README.md'), 'utf8');

  it('launch.json starts with "the open file" (so F5 traces the sample in the editor), then a local and a Vagrant launch for every sample, and nothing else', () => {
    const [openLocal, openVagrant, ...perSample] = launch.configurations;
    assert.deepEqual([openLocal.program, openLocal.target], ['${file}', undefined]);
    assert.deepEqual([openVagrant.program, openVagrant.target?.type], ['${file}', 'vagrant']);
    const names = new Set<string>();
    for (const c of perSample) {
      assert.equal(c.type, 'strace', c.name);
      assert.equal(c.request, 'launch', c.name);
      assert.ok(!names.has(c.name), `duplicate configuration name ${c.name}`);
      names.add(c.name);
      assert.ok(c.program.startsWith('${workspaceFolder}/'), `${c.name}: program ${c.program}`);
      const relative = c.program.slice('${workspaceFolder}/'.length);
      assert.ok(programs.includes(relative), `${c.name}: ${relative} is not a sample`);
      assert.ok(c.target === undefined || c.target.type === 'vagrant', `${c.name}: target ${JSON.stringify(c.target)}`);
    }
    for (const program of programs) {
      const forIt = launch.configurations.filter((c) => c.program === `\${workspaceFolder}/${program}`);
      assert.deepEqual(forIt.map((c) => c.target?.type ?? 'local').sort(), ['local', 'vagrant'], program);
    }
  });

  it('every sample has a README, listed in the index', () => {
    for (const folder of [...Object.keys(GO).map((n) => `go/${n}`), ...Object.keys(NAMESPACES).map((n) => `namespaces/${n}`)]) {
      const readme = readFileSync(join(SAMPLES, folder, 'README.md'), 'utf8');
      assert.match(readme, /## Run[\s\S]*## Look for[\s\S]*## Think about/, `${folder}/README.md`);
      assert.ok(index.includes(`](${folder})`), `samples/README.md does not link ${folder}`);
    }
  });
});

describe('samples clean up after themselves', () => {
  it('leaves no temporary directory behind', () => {
    const left = readdirSync(tmpdir()).filter((n) => SAMPLE_TEMP_PREFIXES.test(n) && !tempBefore.has(n));
    assert.deepEqual(left, []);
  });
});
