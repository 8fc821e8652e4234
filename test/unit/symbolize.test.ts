/**
 * The symbolizer against real binaries: ELF headers and offset→address translation checked
 * against `readelf`/`nm` for PIE, non-PIE and Go static binaries; one batched addr2line per
 * binary (counted at the Target), a cache that a second recording reuses, inlined frames,
 * libraries left to strace's names, `-kk` frames used as printed, and binaries without DWARF.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { parse, type StackFrame } from 'strace-parser';
import { Recorder } from '../../debug-adapter/engine/recorder';
import { fileOffsetToVirtualAddress, readElfInfo, targetRangeReader } from '../../debug-adapter/engine/symbolize/elf';
import { LocalTarget } from '../../debug-adapter/engine/targets/local';
import type { SpawnOptions, TargetProcess } from '../../debug-adapter/engine/types';
import { allEvents, compile, eventsAt, markers, trace, withTempDir } from './engine-model-support';

const run = promisify(execFile);

/** A LocalTarget that counts the addr2line processes it starts. */
class CountingTarget extends LocalTarget {
  readonly addr2line: string[] = [];
  readonly processes: TargetProcess[] = [];
  override spawn(argv: string[], options?: SpawnOptions): TargetProcess {
    const started = super.spawn(argv, options);
    if (argv[0] === 'addr2line') {
      this.addr2line.push(argv[argv.length - 1]);
      this.processes.push(started);
    }
    return started;
  }

  /** Fails unless every addr2line started has exited within a few seconds. */
  async allExited(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('addr2line still running')), 5000); });
    try {
      await Promise.race([Promise.all(this.processes.map((p) => p.exited)), late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

const C_PROGRAM = `#include <fcntl.h>
#include <unistd.h>
int main(void) {
  int fd = open("/etc/hostname", O_RDONLY); // #OPEN
  close(fd); // #CLOSE
  return 0;
}
`;

const GO_PROGRAM = `package main

import "os"

func main() {
	f, _ := os.Open("/etc/hostname") // #OPEN
	f.Close()
}
`;

async function readelfLoads(binary: string): Promise<{ offset: number; vaddr: number; filesz: number }[]> {
  const { stdout } = await run('readelf', ['-lW', binary]);
  return stdout.split('\n').filter((l) => /^\s*LOAD\s/.test(l)).map((l) => {
    const f = l.trim().split(/\s+/);
    return { offset: Number(f[1]), vaddr: Number(f[2]), filesz: Number(f[4]) };
  });
}

async function nmAddress(binary: string, symbol: string): Promise<number> {
  const { stdout } = await run('nm', [binary], { maxBuffer: 64 << 20 });
  const line = stdout.split('\n').find((l) => l.endsWith(` ${symbol}`) && / [Tt] /.test(l));
  assert.ok(line, `${symbol} in nm ${binary}`);
  return Number.parseInt(line.split(' ')[0], 16);
}

/** The first `-k` frame of `binary` in function `fn`, from a real trace. */
function frameIn(traceText: string, binary: string, fn: string): StackFrame {
  for (const r of parse(traceText)) {
    if (r.kind !== 'syscall') continue;
    const frame = r.stack.find((f) => f.module === binary && f.symbol === fn);
    if (frame) return frame;
  }
  assert.fail(`no frame of ${fn} in ${binary}`);
}

for (const variant of [
  { name: 'C PIE', language: 'c' as const, source: C_PROGRAM, flags: ['-pie', '-fPIE'], fn: 'main', type: 3 },
  { name: 'C non-PIE', language: 'c' as const, source: C_PROGRAM, flags: ['-no-pie', '-fno-pie'], fn: 'main', type: 2 },
  { name: 'Go static', language: 'go' as const, source: GO_PROGRAM, flags: [], fn: 'main.main', type: 2 },
]) {
  test(`ELF: ${variant.name} LOAD segments and offset→address agree with readelf and nm`, async () => {
    await withTempDir(async (dir) => {
      const { binary } = await compile(dir, variant.language, variant.source, variant.flags);
      const target = new LocalTarget();
      const info = await readElfInfo(targetRangeReader(target, binary));
      assert.equal(info.type, variant.type);
      assert.deepEqual(info.loads.map(({ offset, vaddr, filesz }) => ({ offset, vaddr, filesz })), await readelfLoads(binary));
      assert.equal(info.hasDebugInfo, true);
      if (variant.language === 'go') {
        const { stdout } = await run('go', ['tool', 'buildid', binary]);
        assert.equal(info.buildId, `go:${stdout.trim()}`);
      } else {
        const { stdout } = await run('readelf', ['-n', binary]);
        assert.equal(info.buildId, /Build ID: ([0-9a-f]+)/.exec(stdout)?.[1]);
      }
      // strace prints `prog(main+0x5a) [0xOFFSET]`: the translated address must be main's + 0x5a.
      const frame = frameIn(await trace(dir, [binary]), binary, variant.fn);
      const expected = (await nmAddress(binary, variant.fn)) + (frame.symbolOffset ?? 0);
      assert.equal(fileOffsetToVirtualAddress(info, frame.address), expected);
      if (variant.type === 2) assert.notEqual(frame.address, expected, 'a fixed-address binary needs the translation');

      // The same answers through the whole-file fallback of a Target without ranged reads.
      const plain = new LocalTarget() as LocalTarget & { readFileRange?: unknown };
      Object.defineProperty(plain, 'readFileRange', { value: undefined });
      assert.deepEqual(await readElfInfo(targetRangeReader(plain, binary)), info);

      await run('strip', ['-g', '-o', join(dir, 'stripped'), binary]);
      assert.equal((await readElfInfo(targetRangeReader(target, join(dir, 'stripped')))).hasDebugInfo, false);
    });
  });
}

test('addr2line: one process per binary, batched, stopped at finish, cached across recordings; libraries keep strace names', async () => {
  await withTempDir(async (dir) => {
    const helperSource = C_PROGRAM;
    await compile(dir, 'c', helperSource);
    await run('mv', [join(dir, 'prog'), join(dir, 'helper')]);
    const mainSource = `#include <unistd.h>
#include <sys/wait.h>
int main(void) {
  for (int i = 0; i < 50; i++) getppid(); // #LOOP
  pid_t c = fork(); // #FORK
  if (c == 0) { execl("./helper", "helper", (char *)0); _exit(1); } // #EXEC
  waitpid(c, 0, 0); // #WAIT
  return 0;
}
`;
    const { binary, sourcePath } = await compile(dir, 'c', mainSource);
    const text = await trace(dir, [binary]);
    const target = new CountingTarget();
    const recorder = new Recorder({ target, sourceRoots: [dir] });
    const records = parse(text);
    for (let i = 0; i < records.length; i += 20) recorder.push(records.slice(i, i + 20));
    await recorder.finish();
    try {
      assert.deepEqual([...target.addr2line].sort(), [binary, join(dir, 'helper')].sort(), 'one addr2line per user binary, none for libraries');
      const stats = recorder.symbolizerStats;
      assert.equal(stats.processes, 2);
      await target.allExited();
      assert.ok(stats.batches < records.length / 20, `batches (${stats.batches}) are fewer than pushes`);
      const m = markers(mainSource);
      assert.equal(eventsAt(recorder.model, sourcePath, m.get('LOOP') as number, 'getppid').length, 50);
      const helperOpen = eventsAt(recorder.model, join(dir, 'main.c'), markers(helperSource).get('OPEN') as number, 'openat');
      assert.equal(helperOpen.length, 1, 'the exec-ed helper is symbolized by its own addr2line');
      for (const e of allEvents(recorder.model)) {
        for (const f of e.stack) if (f.module.startsWith('/usr/lib/')) assert.equal(f.file, undefined, `${f.module} left unresolved`);
      }
      const libcFrame = allEvents(recorder.model).flatMap((e) => e.stack).find((f) => f.module.includes('libc.so'));
      assert.ok(libcFrame?.function, 'library frames keep the function strace printed');
    } finally {
      await recorder.dispose();
    }
    // A second recording of the same binaries starts no process: answers come from the cache.
    const again = new CountingTarget();
    const second = new Recorder({ target: again, sourceRoots: [dir] });
    second.push(parse(text));
    await second.finish();
    try {
      assert.deepEqual(again.addr2line, []);
      assert.ok(second.symbolizerStats.cacheHits > 0);
      assert.equal(eventsAt(second.model, sourcePath, markers(mainSource).get('LOOP') as number, 'getppid').length, 50);
    } finally {
      await second.dispose();
      await target.dispose();
      await again.dispose();
    }
  });
});

test('addr2line: inlined calls become inlined frames; the innermost user line is the source', async () => {
  await withTempDir(async (dir) => {
    const source = `#include <fcntl.h>
#include <unistd.h>
static inline __attribute__((always_inline)) int open_it(const char *p) {
  return open(p, O_RDONLY); // #INNER
}
int main(void) {
  int fd = open_it("/etc/hostname"); // #CALLER
  return fd < 0;
}
`;
    const { binary, sourcePath } = await compile(dir, 'c', source, ['-O1']);
    const target = new LocalTarget();
    const recorder = new Recorder({ target, sourceRoots: [dir] });
    recorder.push(parse(await trace(dir, [binary])));
    await recorder.finish();
    try {
      const m = markers(source);
      const [open] = eventsAt(recorder.model, sourcePath, m.get('INNER') as number, 'openat');
      assert.ok(open, 'the open is attributed to the inlined function line');
      const user = open.stack.filter((f) => f.user);
      assert.equal(user[0].inlined, true);
      assert.equal(user[0].line, m.get('INNER'));
      assert.equal(user[1].line, m.get('CALLER'));
      assert.equal(user[0].offset, user[1].offset, 'both come from one address');
      assert.ok(recorder.model.eventsAtLine(sourcePath, m.get('CALLER') as number).includes(open.seq), 'the caller line finds it too');
    } finally {
      await recorder.dispose();
      await target.dispose();
    }
  });
});

test('-kk frames that carry file:line are used as printed, without addr2line', async () => {
  await withTempDir(async (dir) => {
    const text = [
      `100 1700000000.000100 openat(AT_FDCWD, "/etc/hostname", O_RDONLY) = 3</etc/hostname> <0.000010>`,
      ` > /usr/lib/x86_64-linux-gnu/libc.so.6(__open64+0x5b) [0xf3cbb] ../sysdeps/unix/sysv/linux/open64.c:41`,
      ` > ${dir}/prog(main+0x1d) [0x1149] ${dir}/main.c:6`,
      `100 1700000000.000200 +++ exited with 0 +++`,
    ].join('\n');
    const target = new CountingTarget();
    const recorder = new Recorder({ target, sourceRoots: [dir] });
    recorder.push(parse(text));
    await recorder.finish();
    try {
      const open = recorder.model.event(0);
      assert.deepEqual(open.source, { path: join(dir, 'main.c'), line: 6 });
      assert.equal(open.stack[1].function, 'main');
      assert.equal(open.stack[0].user, false);
      assert.deepEqual(target.addr2line, []);
    } finally {
      await recorder.dispose();
      await target.dispose();
    }
  });
});

test('a binary without debug info: frames keep names, events are neither attributed nor called runtime', async () => {
  await withTempDir(async (dir) => {
    const { binary } = await compile(dir, 'c', C_PROGRAM);
    await run('strip', ['-g', binary]);
    const target = new CountingTarget();
    const logs: string[] = [];
    const recorder = new Recorder({ target, sourceRoots: [dir], hooks: { log: (l) => logs.push(l) } });
    recorder.push(parse(await trace(dir, [binary])));
    await recorder.finish();
    try {
      const open = allEvents(recorder.model).find((e) => e.name === 'openat' && e.record.kind === 'syscall' && e.record.argsText.includes('/etc/hostname'));
      assert.ok(open);
      assert.equal(open.source, null);
      assert.equal(open.runtime, false);
      assert.ok(open.stack.some((f) => f.module === binary && f.function === 'main'));
      assert.deepEqual(target.addr2line, []);
      assert.ok(logs.some((l) => l.includes('no debug info')), logs.join('\n'));
    } finally {
      await recorder.dispose();
      await target.dispose();
    }
  });
});

test('addr2line missing on the target: frames keep strace names, user events are not called runtime', async () => {
  await withTempDir(async (dir) => {
    const { binary } = await compile(dir, 'c', C_PROGRAM);
    /** A target where addr2line is not installed (the spawn fails with ENOENT). */
    class NoAddr2line extends LocalTarget {
      override spawn(argv: string[], options?: SpawnOptions): TargetProcess {
        return super.spawn(argv[0] === 'addr2line' ? [join(dir, 'missing', 'addr2line'), ...argv.slice(1)] : argv, options);
      }
    }
    const target = new NoAddr2line();
    const logs: string[] = [];
    const recorder = new Recorder({ target, sourceRoots: [dir], hooks: { log: (l) => logs.push(l) } });
    recorder.push(parse(await trace(dir, [binary])));
    await recorder.finish();
    try {
      const events = allEvents(recorder.model);
      const open = events.find((e) => e.name === 'openat' && e.record.kind === 'syscall' && e.record.argsText.includes('/etc/hostname'));
      assert.ok(open);
      assert.equal(open.source, null);
      assert.equal(open.runtime, false, 'without symbols we cannot say the runtime made it');
      assert.ok(open.stack.some((f) => f.module === binary && f.function === 'main'));
      assert.equal(events[1].runtime, true, 'loader events (only ld.so frames) are still the runtime');
      assert.equal(logs.filter((l) => l.includes('keep strace')).length, 1, logs.join('\n'));
    } finally {
      await recorder.dispose();
      await target.dispose();
    }
  });
});
