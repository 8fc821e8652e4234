/**
 * The fd table on a long real trace (about 100k events, strace without -k so it runs in a few
 * seconds): answers at random events must match what the program's loop did at that point,
 * and come from checkpoints rather than a replay from the start.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allEvents, compile, record, trace, withTempDir } from './engine-model-support';

const ROUNDS = 33000;
const SLOTS = 40;
const PROGRAM = `#include <fcntl.h>
#include <unistd.h>
int main(void) {
  for (int i = 0; i < ${ROUNDS}; i++) {
    int fd = open(i % 2 ? "/etc/hostname" : "/etc/passwd", O_RDONLY);
    dup2(fd, 10 + i % ${SLOTS});
    close(fd);
  }
  return 0;
}
`;

test('fdTableAt on ~100k events agrees with the program loop at random points', async (t) => {
  await withTempDir(async (dir) => {
    const { binary } = await compile(dir, 'c', PROGRAM);
    const recording = await record(await trace(dir, [binary], ['-f', '-ttt', '-T', '-yy']), [dir], 5000);
    try {
      const { model } = recording;
      const events = allEvents(model);
      const dup2s = events.filter((e) => e.name === 'dup2');
      assert.equal(dup2s.length, ROUNDS);
      assert.ok(model.length > 3 * ROUNDS);
      let state = 12345;
      const random = (n: number): number => { state = (state * 1103515245 + 12345) % 2 ** 31; return state % n; };
      const started = performance.now();
      for (let k = 0; k < 2000; k++) {
        const i = random(ROUNDS);
        const table = new Map(model.fdTableAt(dup2s[i].seq).map((e) => [e.fd, e]));
        // Slots written so far hold the file of the round that last wrote them.
        for (let slot = 0; slot < SLOTS; slot++) {
          const lastRound = i - ((i - slot) % SLOTS + SLOTS) % SLOTS;
          const entry = table.get(10 + slot);
          if (lastRound < 0) assert.equal(entry, undefined, `slot ${slot} unused before round ${i}`);
          else assert.equal(entry?.description, lastRound % 2 ? '/etc/hostname' : '/etc/passwd', `slot ${slot} at round ${i}`);
        }
        assert.equal(table.has(dup2s[i].record.kind === 'syscall' ? Number(/^(\d+)/.exec(dup2s[i].record.argsText)?.[1]) : -1), true);
        const closeSeq = dup2s[i].seq + 1;
        assert.equal(model.event(closeSeq).name, 'close');
        assert.equal(model.fdTableAt(closeSeq).filter((e) => e.fd < 10 && e.fd > 2).length, 0, 'the opened fd is closed again');
      }
      t.diagnostic(`${model.length} events; 4000 fdTableAt queries in ${(performance.now() - started).toFixed(1)} ms`);
    } finally {
      await recording.close();
    }
  });
});
