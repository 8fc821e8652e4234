/**
 * The Recorder and TraceModel end to end on real programs: C, Go and Rust built with the
 * engine's flags, traced by real `strace -f -ttt -T -yy -k`, parsed by the real parser and
 * pushed in chunks as a live run does. Every `// #MARKER` line must own its syscall; runtime
 * events (Go's scheduler, libc start-up, the loader) must never carry a user line; thread and
 * time indexes and append notifications must agree with the trace. Processes: engine-model-process.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TraceEvent, TraceModelView } from '../../debug-adapter/engine/types';
import { C_PROGRAM, GO_PROGRAM, RUST_PROGRAM } from './engine-model-programs';
import { allEvents, compile, eventsAt, markers, record, trace, withTempDir, type Language } from './engine-model-support';

/** The syscall each marker must own (at least one event of that name on the line). */
const EXPECTED: Record<Language, Record<string, string>> = {
  c: { THREAD: 'getppid', EXECED: 'write', OPEN: 'openat', READ: 'read', CLOSE: 'close', FORK: 'clone', EXEC: 'execve', WAIT: 'wait4', SPAWN: 'mmap' },
  go: { OPEN: 'openat', READ: 'read', CLOSE: 'close', WRITEFILE: 'openat', REMOVE: 'unlinkat', LISTEN: 'bind', DIAL: 'connect', PRINT: 'write' },
  rust: { OPEN: 'openat', READ: 'read', PRINT: 'write', STAT: 'statx' },
};
const SOURCES: Record<Language, string> = { c: C_PROGRAM, go: GO_PROGRAM, rust: RUST_PROGRAM };

/** Checks the model's own indexes against a scan of its events. */
function checkIndexes(model: TraceModelView, events: TraceEvent[]): void {
  assert.equal(events[0].start, 0, 'times start at the first event');
  for (const tid of model.threads()) {
    const seqs = model.threadEvents(tid);
    assert.deepEqual(seqs, events.filter((e) => e.pid === tid).map((e) => e.seq));
  }
  for (const t of [0, events[Math.floor(events.length / 2)].start, events[events.length - 1].start]) {
    const seq = model.seqAtTime(t);
    assert.ok(events.slice(0, seq).every((e) => e.start < t), `before seqAtTime(${t}) all start earlier`);
    assert.ok(seq === events.length || events[seq].start >= t);
  }
  assert.equal(model.seqAtTime(Number.MAX_VALUE), events.length);
  for (const e of events) {
    if (!e.source) continue;
    assert.ok(model.eventsAtLine(e.source.path, e.source.line).includes(e.seq));
    assert.ok(model.linesOf(e.source.path).get(e.source.line)?.includes(e.seq));
  }
}

for (const language of ['c', 'go', 'rust'] as const) {
  test(`${language}: every marker owns its syscall, runtime events carry no line, indexes agree`, async () => {
    await withTempDir(async (dir) => {
      const source = SOURCES[language];
      const { binary, sourcePath } = await compile(dir, language, source);
      const text = await trace(dir, [binary]);
      const recording = await record(text, [dir], language === 'go' ? 1 : 100);
      try {
        const { model } = recording;
        const events = allEvents(model);
        const m = markers(source);
        for (const [marker, name] of Object.entries(EXPECTED[language])) {
          const found = eventsAt(model, sourcePath, m.get(marker) as number, name);
          assert.ok(found.length > 0, `${marker} (line ${m.get(marker)}) owns a ${name}; the line has ${eventsAt(model, sourcePath, m.get(marker) as number).map((e) => e.name).join(', ') || 'nothing'}`);
        }
        // Start-up is the loader's and the runtime's: the first events are runtime, not user lines.
        assert.equal(events[0].name, 'execve');
        assert.equal(events[1].runtime, true, `${events[1].name} at start-up is a runtime event`);
        const runtime = events.filter((e) => e.runtime);
        assert.ok(runtime.length > 0);
        for (const e of runtime) assert.equal(e.source, null, `runtime event ${e.seq} ${e.name} has no line`);
        for (const e of events.filter((x) => x.source)) {
          assert.ok(e.stack.some((f) => f.user && f.file === e.source?.path && f.line === e.source?.line), `event ${e.seq} is attributed through a user frame`);
        }
        if (language === 'go') {
          // Go: events with no frame in package main are the runtime's own.
          for (const e of events) {
            const userCode = e.stack.some((f) => f.function?.startsWith('main.'));
            if (!userCode) assert.equal(e.source, null, `${e.seq} ${e.name} (${e.stack.map((f) => f.function).join(' < ')}) is not a user line`);
          }
          const sysmon = events.filter((e) => e.stack.some((f) => f.function === 'runtime.sysmon'));
          assert.ok(sysmon.every((e) => e.runtime && e.source === null));
          assert.ok(events.filter((e) => e.name === 'SIGURG').every((e) => e.source === null));
          // Threads speak before their clone completes; they must still belong to the one process.
          assert.equal(model.processes().length, 1);
          assert.ok(model.threads().length > 1);
          for (const e of events) assert.equal(e.tgid, events[0].pid);
          assert.deepEqual([...(model.process(events[0].pid)?.threads ?? [])].sort(), [...model.threads()].sort());
        }
        checkIndexes(model, events);
        if (language === 'go') await checkCloneAfterChild(text, dir, events);
      } finally {
        await recording.close();
      }
    });
  });
}

/**
 * Under -f strace may print a child's first line before the parent's `clone(…) = N`. Feed the
 * records in that order (each clone moved after its child's first record, one per push): the
 * Recorder must still put every thread in the one process.
 */
async function checkCloneAfterChild(text: string, dir: string, reference: TraceEvent[]): Promise<void> {
  const { parse } = await import('strace-parser');
  const { Recorder } = await import('../../debug-adapter/engine/recorder');
  const { LocalTarget } = await import('../../debug-adapter/engine/targets/local');
  const records = parse(text);
  let moved = 0;
  const clones = records.filter((r) => r.kind === 'syscall' && r.name.startsWith('clone') && r.ret);
  for (const clone of clones) {
    const child = (clone as { ret: number }).ret;
    const childAt = records.findIndex((c) => c.pid === child);
    const cloneAt = records.indexOf(clone);
    if (childAt < cloneAt) continue;
    records.splice(cloneAt, 1);
    records.splice(childAt, 0, clone);
    moved++;
  }
  assert.ok(moved > 0, 'the trace has threads whose clone can be moved');
  const target = new LocalTarget();
  const recorder = new Recorder({ target, sourceRoots: [dir] });
  try {
    // Let the Recorder drain between pushes, as it does while a live strace writes.
    for (const r of records) {
      recorder.push([r]);
      await recorder.settled();
    }
    await recorder.finish();
    assert.equal(recorder.model.processes().length, 1);
    assert.equal(recorder.model.length, reference.length);
    for (let i = 0; i < recorder.model.length; i++) assert.equal(recorder.model.event(i).tgid, reference[0].pid);
  } finally {
    await recorder.dispose();
    await target.dispose();
  }
}

test('listeners hear every appended range once, in order, then the end', async () => {
  await withTempDir(async (dir) => {
    const { binary } = await compile(dir, 'c', C_PROGRAM);
    const text = await trace(dir, [binary]);
    const { parse } = await import('strace-parser');
    const { Recorder } = await import('../../debug-adapter/engine/recorder');
    const { LocalTarget } = await import('../../debug-adapter/engine/targets/local');
    const target = new LocalTarget();
    const recorder = new Recorder({ target, sourceRoots: [dir] });
    const ranges: [number, number][] = [];
    let endedAt = -1;
    recorder.model.onAppend((from, to) => {
      ranges.push([from, to]);
      assert.equal(recorder.model.length, to, 'events are readable when announced');
      assert.ok(recorder.model.event(to - 1).seq === to - 1);
    });
    recorder.model.onEnd(() => { endedAt = recorder.model.length; });
    const records = parse(text);
    for (let i = 0; i < records.length; i += 7) recorder.push(records.slice(i, i + 7));
    assert.equal(recorder.model.ended, false);
    await recorder.finish();
    try {
      assert.equal(recorder.model.ended, true);
      assert.equal(endedAt, recorder.model.length);
      assert.ok(ranges.length > 1, 'events arrive in several batches');
      let next = 0;
      for (const [from, to] of ranges) {
        assert.equal(from, next);
        assert.ok(to > from);
        next = to;
      }
      assert.equal(next, records.filter((r) => r.kind === 'syscall' || r.kind === 'signal' || r.kind === 'exit').length);
      assert.throws(() => recorder.push(records.slice(0, 1)), /after finish/);
    } finally {
      await recorder.dispose();
      await target.dispose();
    }
  });
});

test('rust without frame pointers: cut-short stacks are never called runtime', async () => {
  await withTempDir(async (dir) => {
    // Without -C force-frame-pointers=yes, libunwind skips main::main for some calls and stops in std.
    const { binary, sourcePath } = await compile(dir, 'rust', RUST_PROGRAM);
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    await promisify(execFile)('/root/.cargo/bin/rustc', ['-g', '-o', binary, sourcePath], { cwd: dir });
    const recording = await record(await trace(dir, [binary]), [dir]);
    try {
      const events = allEvents(recording.model);
      const open = events.find((e) => e.name === 'openat' && e.record.kind === 'syscall' && e.record.argsText.includes('/etc/hostname'));
      assert.ok(open);
      const cutShort = !open.stack.some((f) => f.function === 'main::main');
      if (cutShort) {
        assert.equal(open.runtime, false, 'a stack that lost main::main is not the runtime');
        assert.equal(open.source, null);
      } else {
        assert.equal(open.source?.line, markers(RUST_PROGRAM).get('OPEN'));
      }
      assert.equal(events[1].runtime, true, 'the loader is still the runtime');
    } finally {
      await recording.close();
    }
  });
});
