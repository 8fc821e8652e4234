// The editor annotations' words (extension/annotation-text.ts) and the extension's view of a
// recording (extension/recording.ts): both are plain Node, so they are tested here without VS Code.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codeFence, durationText, hoverMarkdown, lineSummary, splitRaw } from '../../extension/annotation-text';
import { Recording, type EventSummary } from '../../extension/recording';
import type { EventsBatch } from '../../debug-adapter/protocol';

function event(over: Partial<EventSummary>): EventSummary {
  return { seq: 0, type: 'syscall', name: 'write', cls: 'file', pid: 7, tgid: 7, start: 0, duration: 0.000012, ret: 3, errno: undefined, source: undefined, runtime: false, raw: '', ...over };
}

describe('annotation text', () => {
  it('summarises a line as names in order of first call with counts', () => {
    const names = ['openat', 'write', 'write', 'close', 'write'].map((name) => ({ name }));
    assert.equal(lineSummary(names), 'openat · write ×3 · close');
  });

  it('caps long summaries', () => {
    const names = 'a b c d e f g h'.split(' ').map((name) => ({ name }));
    assert.equal(lineSummary(names), 'a · b · c · d · e · f · +2 more');
  });

  it('formats durations for people', () => {
    assert.equal(durationText(0.000012), '12 µs');
    assert.equal(durationText(0.0034), '3.40 ms');
    assert.equal(durationText(1.25), '1.25 s');
    assert.equal(durationText(0), '');
  });

  it('splits what strace printed into call and result, without pid, time and duration', () => {
    assert.deepEqual(splitRaw('5525  1795438145.991397 openat(AT_FDCWD, "/x", O_RDONLY) = -1 ENOENT (No such file or directory) <0.000028>'),
      { call: 'openat(AT_FDCWD, "/x", O_RDONLY)', result: '-1 ENOENT (No such file or directory)' });
    assert.deepEqual(splitRaw('[pid 12] 12:00:01.000001 write(1, "a) = b", 6) = 6'), { call: 'write(1, "a) = b", 6)', result: '6' });
  });

  it('keeps hostile text inside a fence no backtick run can close', () => {
    const raw = 'openat(AT_FDCWD, "/tmp/````\\n**bold** [x](command:workbench.action.quit) <img src=x onerror=alert(1)>", O_RDONLY) = -1 ENOENT';
    const md = hoverMarkdown([event({ raw, name: 'openat', ret: -1, errno: 'ENOENT' })]);
    const fence = /\n(`{5,})strace\n/.exec(md);
    assert.ok(fence, `a fence longer than the 4 backticks inside:\n${md}`);
    const body = md.slice(md.indexOf('\n', fence.index + 1) + 1);
    assert.ok(body.trimEnd().endsWith(fence[1]), 'the fence closes at the very end');
    assert.equal(body.split(fence[1]).length, 2, 'the content never contains the fence');
    assert.match(md, /<img src=x onerror=alert\(1\)>/, 'the text is kept literally');
  });

  it('codeFence uses at least three backticks', () => {
    assert.equal(codeFence('x'), '```\nx\n```');
  });
});

function batch(from: number, names: string[], lines: number[]): EventsBatch {
  const n = names.length;
  const strings = ['/src/main.c', ...new Set(names)];
  return {
    from, count: n, strings,
    type: names.map(() => 0), pid: names.map(() => 7), tgid: names.map(() => 7),
    name: names.map((x) => strings.indexOf(x)), cls: names.map(() => 0),
    start: names.map((_, i) => (from + i) * 0.001), duration: names.map(() => 0.00001), ret: names.map(() => 0),
    errno: names.map(() => -1), sourcePath: lines.map((l) => (l ? 0 : -1)), sourceLine: lines,
    runtime: names.map(() => false), raw: names.map((x) => `${x}() = 0`),
  };
}

describe('Recording', () => {
  it('indexes events by source line across batches and decodes them', () => {
    const r = new Recording('s1', 'main');
    r.append({ batch: batch(0, ['brk', 'write', 'openat'], [0, 9, 10]) });
    r.append({ batch: batch(3, ['write', 'close'], [9, 0]) });
    assert.equal(r.length, 5);
    assert.deepEqual([...r.linesOf('/src/main.c')], [[9, [1, 3]], [10, [2]]]);
    assert.equal(r.event(3)?.name, 'write');
    assert.deepEqual(r.event(2)?.source, { path: '/src/main.c', line: 10 });
    assert.equal(r.event(4)?.source, undefined);
    assert.equal(r.nameOf(4), 'close');
    assert.equal(r.event(5), undefined);
  });

  it('a reset batch replaces everything', () => {
    const r = new Recording('s1', 'main');
    r.append({ batch: batch(0, ['write'], [9]) });
    r.append({ batch: batch(0, ['read'], [12]), reset: true });
    assert.equal(r.length, 1);
    assert.deepEqual([...r.linesOf('/src/main.c').keys()], [12]);
  });
});
