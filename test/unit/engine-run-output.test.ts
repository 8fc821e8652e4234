/**
 * Stream plumbing of a run, without processes: strace's own `strace: …` lines are taken out
 * of the shared stderr at line starts only (whatever the chunking), and the strace command
 * line carries the flags the parser expects.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StderrSplitter } from '../../debug-adapter/engine/run-stderr-split';
import { straceArgv } from '../../debug-adapter/engine/run-strace-argv';

function split(chunks: string[]): { program: string; strace: string[] } {
  let program = '';
  const strace: string[] = [];
  const splitter = new StderrSplitter((c) => { program += c.toString('utf8'); }, (l) => strace.push(l));
  for (const c of chunks) splitter.push(Buffer.from(c));
  splitter.end();
  return { program, strace };
}

describe('StderrSplitter', () => {
  const input = 'warn: x\nstrace: Process 12 attached\nstrac\nmid strace: not mine\nstrace: exec: No such file\nprompt> ';
  const expected = { program: 'warn: x\nstrac\nmid strace: not mine\nprompt> ', strace: ['strace: Process 12 attached', 'strace: exec: No such file'] };

  it('separates strace lines from the program output', () => {
    assert.deepEqual(split([input]), expected);
  });

  it('gives the same answer for every way of cutting the stream', () => {
    for (let size = 1; size <= 9; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < input.length; i += size) chunks.push(input.slice(i, i + size));
      assert.deepEqual(split(chunks), expected, `chunks of ${size}`);
    }
  });

  it('passes a partial line (a prompt) on at once', () => {
    let program = '';
    const splitter = new StderrSplitter((c) => { program += c.toString(); }, () => undefined);
    splitter.push(Buffer.from('Name? '));
    assert.equal(program, 'Name? ');
  });
});

describe('straceArgv', () => {
  const base = { traceFile: '/r/trace.strace', binary: '/b/x', args: ['a b', '-e'], stringSize: 128, straceArgs: [], capabilities: { stackTrace: true, seccompBpf: true, version: '6.1' } };

  it('fixed flags, SIGURG hidden, output to a file, args after --', () => {
    assert.deepEqual(straceArgv({ ...base, filter: [] }),
      ['strace', '-f', '-ttt', '-T', '-yy', '-k', '-s', '128', '-e', 'signal=!SIGURG', '-o', '/r/trace.strace', '--', '/b/x', 'a b', '-e']);
  });

  it('a filter uses --seccomp-bpf when strace has it; no -k without stack-trace support', () => {
    const argv = straceArgv({ ...base, filter: ['openat', '%network'], straceArgs: ['-X', 'raw'], capabilities: { stackTrace: false, seccompBpf: false, version: '4' } });
    assert.ok(!argv.includes('-k'));
    assert.ok(!argv.includes('--seccomp-bpf'));
    assert.deepEqual(argv.slice(argv.indexOf('-e'), argv.indexOf('-o')), ['-e', 'trace=openat,%network', '-e', 'signal=!SIGURG', '-X', 'raw']);
    assert.ok(straceArgv({ ...base, filter: ['openat'] }).includes('--seccomp-bpf'));
  });
});
