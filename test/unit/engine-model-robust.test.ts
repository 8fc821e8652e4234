/**
 * Hostile and damaged input: a real trace of a C program (fork, pipe, socket, threads) is
 * mutated with a seeded generator (lines dropped, duplicated, swapped, cut, digits changed,
 * pids rewritten, junk inserted into arguments) and recorded again and again. Whatever the
 * parser makes of it, the Recorder must keep every event, in order, and every index must answer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'strace-parser';
import { Recorder } from '../../debug-adapter/engine/recorder';
import { LocalTarget } from '../../debug-adapter/engine/targets/local';
import { compile, trace, withTempDir } from './engine-model-support';

const PROGRAM = `#include <fcntl.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
static void *worker(void *arg) { (void)arg; close(dup(0)); return NULL; }
int main(void) {
  int p[2];
  pipe(p);
  int s[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, s);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  if (fork() == 0) { write(p[1], "x", 1); _exit(2); }
  wait(NULL);
  dup2(s[0], 30);
  close_range(3, 40, 0);
  return 0;
}
`;

const JUNK = ['<', '>', '"', '[', ']', '{', '}', ', ', '3<', '<TCP:[', '->', '\\\\', 'CLONE_THREAD', ' = ', '<... ', ' resumed>', ' <unfinished ...>', '\u202e', '💥'];

function mutate(lines: string[], random: () => number): string[] {
  const out = [...lines];
  const count = 1 + Math.floor(random() * 6);
  for (let k = 0; k < count && out.length > 1; k++) {
    const i = Math.floor(random() * out.length);
    switch (Math.floor(random() * 7)) {
      case 0: out.splice(i, 1); break;
      case 1: out.splice(i, 0, out[i]); break;
      case 2: if (i + 1 < out.length) [out[i], out[i + 1]] = [out[i + 1], out[i]]; break;
      case 3: out[i] = out[i].slice(0, Math.floor(random() * out[i].length)); break;
      case 4: out[i] = out[i].replace(/\d/, () => String(Math.floor(random() * 10))); break;
      case 5: out[i] = out[i].replace(/^\d+/, String(1 + Math.floor(random() * 99999))); break;
      default: {
        const at = Math.floor(random() * out[i].length);
        out[i] = out[i].slice(0, at) + JUNK[Math.floor(random() * JUNK.length)] + out[i].slice(at);
      }
    }
  }
  return out;
}

test('damaged traces: every event is kept in order and every index answers', async () => {
  await withTempDir(async (dir) => {
    const { binary } = await compile(dir, 'c', PROGRAM);
    const lines = (await trace(dir, [binary])).split('\n');
    let state = 20261123;
    const random = (): number => { state = (state * 1103515245 + 12345) % 2 ** 31; return state / 2 ** 31; };
    const target = new LocalTarget();
    try {
      for (let round = 0; round < 60; round++) {
        const text = mutate(lines, random).join('\n');
        const records = parse(text);
        const recorder = new Recorder({ target, sourceRoots: [dir] });
        let ended = false;
        recorder.model.onEnd(() => { ended = true; });
        try {
          for (let i = 0; i < records.length; i += 13) recorder.push(records.slice(i, i + 13));
          await recorder.finish();
          const model = recorder.model;
          const expected = records.filter((r) => r.kind === 'syscall' || r.kind === 'signal' || r.kind === 'exit');
          assert.equal(model.length, expected.length, `round ${round}`);
          assert.ok(ended);
          for (let seq = 0; seq < model.length; seq++) {
            const e = model.event(seq);
            assert.equal(e.seq, seq);
            assert.equal(e.record, expected[seq], 'events keep the parser records, in input order');
            assert.ok(Array.isArray(model.fdTableAt(seq)));
            assert.ok(model.threadEvents(e.pid).includes(seq));
            assert.ok(Number.isFinite(e.start) && e.start >= 0);
          }
          for (const p of model.processes()) assert.ok(p.threads.length > 0);
        } finally {
          await recorder.dispose();
        }
      }
    } finally {
      await target.dispose();
    }
  });
});
